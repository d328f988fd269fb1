CREATE TABLE `booking_reminders` (
	`booking_id` integer NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`queued_at` integer NOT NULL,
	`outbox_id` integer,
	PRIMARY KEY(`booking_id`, `kind`, `starts_at`),
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action
);
