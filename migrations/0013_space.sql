CREATE TABLE `opening_exceptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`resource_id` integer,
	`date` text NOT NULL,
	`opens` text,
	`closes` text,
	`reason` text NOT NULL,
	`reason_en` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resource_id`) REFERENCES `resources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `opening_exceptions_site_date` ON `opening_exceptions` (`site_id`,`date`);--> statement-breakpoint
ALTER TABLE `closures` ADD `repeat` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `closures` ADD `repeat_until` text;--> statement-breakpoint
-- Opening exceptions are part of the inventory: a change to them is seen by every process's next request.
CREATE TRIGGER `opening_exceptions_insert_inventory_version` AFTER INSERT ON `opening_exceptions`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_exceptions_update_inventory_version` AFTER UPDATE ON `opening_exceptions`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_exceptions_delete_inventory_version` AFTER DELETE ON `opening_exceptions`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
