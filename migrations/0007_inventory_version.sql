CREATE TABLE `inventory_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
-- The inventory's version: every change to a table the inventory is read from raises it, so a
-- process that keeps the inventory in memory sees the change on its next request, whoever made
-- it (this process, a script, another server on the same file). Rolled back with the change.
INSERT INTO `inventory_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `sites_insert_inventory_version` AFTER INSERT ON `sites`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sites_update_inventory_version` AFTER UPDATE ON `sites`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sites_delete_inventory_version` AFTER DELETE ON `sites`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `zones_insert_inventory_version` AFTER INSERT ON `zones`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `zones_update_inventory_version` AFTER UPDATE ON `zones`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `zones_delete_inventory_version` AFTER DELETE ON `zones`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `resources_insert_inventory_version` AFTER INSERT ON `resources`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `resources_update_inventory_version` AFTER UPDATE ON `resources`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `resources_delete_inventory_version` AFTER DELETE ON `resources`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `resource_links_insert_inventory_version` AFTER INSERT ON `resource_links`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `resource_links_update_inventory_version` AFTER UPDATE ON `resource_links`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `resource_links_delete_inventory_version` AFTER DELETE ON `resource_links`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_hours_insert_inventory_version` AFTER INSERT ON `opening_hours`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_hours_update_inventory_version` AFTER UPDATE ON `opening_hours`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_hours_delete_inventory_version` AFTER DELETE ON `opening_hours`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `closures_insert_inventory_version` AFTER INSERT ON `closures`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `closures_update_inventory_version` AFTER UPDATE ON `closures`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `closures_delete_inventory_version` AFTER DELETE ON `closures`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
