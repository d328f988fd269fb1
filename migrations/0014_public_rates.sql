CREATE TABLE `public_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resource_kind` text NOT NULL,
	`unit` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`starts_on` text NOT NULL,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `public_rates_kind_start` ON `public_rates` (`resource_kind`,`starts_on`);