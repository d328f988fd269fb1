-- The outbox's message columns become nullable (an intent is rendered when sent), so the
-- table is rebuilt. Migrations run in one transaction, where foreign keys cannot be turned
-- off, and booking_reminders refers to outbox rows: it is rebuilt too, pointing at the new
-- table before the old one is dropped (renaming a table renames the references to it).
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`kind` text NOT NULL,
	`to_address` text,
	`subject` text,
	`message` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`booking_id` integer,
	`series_id` integer,
	`sequence` integer,
	`details` text,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `booking_series`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "created_at", "kind", "to_address", "subject", "message", "status", "attempts", "next_attempt_at", "last_error", "sent_at", "booking_id") SELECT "id", "created_at", "kind", "to_address", "subject", "message", "status", "attempts", "next_attempt_at", "last_error", "sent_at", "booking_id" FROM `outbox`;--> statement-breakpoint
CREATE TABLE `__new_booking_reminders` (
	`booking_id` integer NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`queued_at` integer NOT NULL,
	`outbox_id` integer,
	PRIMARY KEY(`booking_id`, `kind`, `starts_at`),
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outbox_id`) REFERENCES `__new_outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_booking_reminders`("booking_id", "kind", "starts_at", "queued_at", "outbox_id") SELECT "booking_id", "kind", "starts_at", "queued_at", "outbox_id" FROM `booking_reminders`;--> statement-breakpoint
DROP TABLE `booking_reminders`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
ALTER TABLE `__new_booking_reminders` RENAME TO `booking_reminders`;--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_booking` ON `outbox` (`booking_id`);
