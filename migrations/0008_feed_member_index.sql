DROP INDEX `bookings_member_start`;--> statement-breakpoint
CREATE INDEX `bookings_member_start` ON `bookings` (`member_id`,`starts_at`,`id`,`updated_at`,`version`);