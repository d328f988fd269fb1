CREATE TABLE `quote_sequences` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rental_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`member_id` integer,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`details` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `rental_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rental_history_request` ON `rental_history` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `rental_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`author` text NOT NULL,
	`member_id` integer,
	`body` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `rental_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rental_messages_request` ON `rental_messages` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `rental_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`starts_on` text NOT NULL,
	`half_day_cents` integer NOT NULL,
	`day_cents` integer NOT NULL,
	`evening_cents` integer NOT NULL,
	`reductions` text NOT NULL,
	`option_cents` text NOT NULL,
	`setup_minutes` text NOT NULL,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rental_rates_starts_on` ON `rental_rates` (`starts_on`);--> statement-breakpoint
CREATE TABLE `rental_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`status` text NOT NULL,
	`resource_id` integer NOT NULL,
	`organisation` text NOT NULL,
	`organisation_kind` text NOT NULL,
	`contact_name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text NOT NULL,
	`language` text NOT NULL,
	`title` text NOT NULL,
	`local_date` text NOT NULL,
	`local_start` text NOT NULL,
	`local_end` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`layout` text NOT NULL,
	`headcount` integer NOT NULL,
	`purpose` text NOT NULL,
	`is_public` integer DEFAULT false NOT NULL,
	`options` text DEFAULT '[]' NOT NULL,
	`consent_at` integer NOT NULL,
	`booking_id` integer,
	`quote_number` text,
	`quote` text,
	`quote_valid_until` text,
	`quote_accepted_at` integer,
	`option_until` integer,
	`option_warned_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`erased_at` integer,
	`version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`resource_id`) REFERENCES `resources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rental_requests_token_hash_unique` ON `rental_requests` (`token_hash`);--> statement-breakpoint
CREATE INDEX `rental_requests_status` ON `rental_requests` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `rental_requests_date` ON `rental_requests` (`resource_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `rental_requests_booking` ON `rental_requests` (`booking_id`);--> statement-breakpoint
CREATE TABLE `rental_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`retention_months` integer DEFAULT 12 NOT NULL,
	`option_days` integer DEFAULT 14 NOT NULL,
	`quote_validity_days` integer DEFAULT 30 NOT NULL,
	`warn_hours` integer DEFAULT 48 NOT NULL
);
--> statement-breakpoint
-- The one settings row, with its defaults (retention 12 months, options of 14 days, quotes valid 30 days).
INSERT INTO `rental_settings` (`id`) VALUES (1);
--> statement-breakpoint
-- A first rate, in force from any date until admins add the next one (prices in cents, before VAT).
INSERT INTO `rental_rates` (`starts_on`, `half_day_cents`, `day_cents`, `evening_cents`, `reductions`, `option_cents`, `setup_minutes`, `created_at`)
VALUES ('2000-01-01', 60000, 100000, 70000,
  '{"association":30,"company":0,"public_body":15,"red_cross":50}',
  '{"av_technician":25000,"catering_area":15000,"extra_setup":12000}',
  '{"theatre":{"setup":60,"teardown":60},"cabaret":{"setup":90,"teardown":60},"workshop":{"setup":60,"teardown":30},"standing":{"setup":30,"teardown":30}}',
  0);
