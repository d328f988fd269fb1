DROP INDEX `bookings_resource_start`;--> statement-breakpoint
DROP INDEX `bookings_org_start`;--> statement-breakpoint
CREATE INDEX `bookings_resource_start` ON `bookings` (`resource_id`,`starts_at`,`ends_at`,`status`,`member_id`,`headcount`);--> statement-breakpoint
CREATE INDEX `bookings_org_start` ON `bookings` (`organisation_id`,`starts_at`,`ends_at`,`status`,`resource_id`);