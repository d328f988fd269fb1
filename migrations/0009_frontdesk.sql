CREATE TABLE `check_in_policies` (
	`site_id` integer NOT NULL,
	`resource_kind` text NOT NULL,
	`grace_minutes` integer NOT NULL,
	`access_need_grace_minutes` integer NOT NULL,
	`opens_before_minutes` integer DEFAULT 30 NOT NULL,
	PRIMARY KEY(`site_id`, `resource_kind`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `kiosk_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`label` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosk_tokens_token_hash_unique` ON `kiosk_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `visitors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`host_member_id` integer NOT NULL,
	`name` text NOT NULL,
	`organisation` text DEFAULT '' NOT NULL,
	`expected_at` integer NOT NULL,
	`arrived_at` integer,
	`arrival_recorded_by_id` integer,
	`left_at` integer,
	`cancelled_at` integer,
	`created_by_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`arrival_recorded_by_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visitors_expected` ON `visitors` (`expected_at`);--> statement-breakpoint
CREATE INDEX `visitors_host` ON `visitors` (`host_member_id`,`expected_at`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `checked_in_by_id` integer REFERENCES members(id);--> statement-breakpoint
ALTER TABLE `bookings` ADD `checked_out_at` integer;--> statement-breakpoint
ALTER TABLE `bookings` ADD `guest_name` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `guest_organisation` text;--> statement-breakpoint
CREATE INDEX `bookings_start` ON `bookings` (`starts_at`);--> statement-breakpoint
ALTER TABLE `sites` ADD `safety_capacity` integer;--> statement-breakpoint
ALTER TABLE `zones` ADD `safety_capacity` integer;--> statement-breakpoint
-- Check-in policies are part of the inventory: a change to them is seen by every process's next request.
CREATE TRIGGER `check_in_policies_insert_inventory_version` AFTER INSERT ON `check_in_policies`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `check_in_policies_update_inventory_version` AFTER UPDATE ON `check_in_policies`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `check_in_policies_delete_inventory_version` AFTER DELETE ON `check_in_policies`
BEGIN
  UPDATE `inventory_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
-- A database seeded before check-in policies existed gets the default ones (the same as
-- seed/inventory.ts): the graces its desks and rooms carried were those of their kind.
INSERT INTO `check_in_policies` (`site_id`, `resource_kind`, `grace_minutes`, `access_need_grace_minutes`, `opens_before_minutes`)
SELECT `id`, 'desk', 120, 180, 30 FROM `sites`;
--> statement-breakpoint
INSERT INTO `check_in_policies` (`site_id`, `resource_kind`, `grace_minutes`, `access_need_grace_minutes`, `opens_before_minutes`)
SELECT `id`, 'meeting_room', 15, 30, 15 FROM `sites`;
--> statement-breakpoint
UPDATE `resources` SET `check_in_grace_minutes` = NULL WHERE `kind` IN ('desk', 'meeting_room');
