-- Backstop for "never double-book": even if the service layer were bypassed, an active
-- booking of an exclusive resource may not overlap another active one. Intervals are
-- half-open, so back-to-back bookings pass. The service checks first and explains why;
-- this only guarantees it. The lower bound on starts_at (7 days, the longest booking the
-- rules allow) keeps the check on the (resource_id, starts_at) index, flat as history grows.
CREATE TRIGGER bookings_no_overlap_insert
BEFORE INSERT ON bookings
WHEN NEW.status IN ('pending', 'confirmed')
  AND (SELECT capacity_model FROM resources WHERE id = NEW.resource_id) = 'exclusive'
BEGIN
  SELECT RAISE(ABORT, 'booking_overlap')
  WHERE EXISTS (
    SELECT 1 FROM bookings b
    WHERE b.resource_id = NEW.resource_id
      AND b.status IN ('pending', 'confirmed')
      AND b.starts_at < NEW.ends_at
      AND b.starts_at > NEW.starts_at - 604800000
      AND b.ends_at > NEW.starts_at
  );
END;
--> statement-breakpoint
CREATE TRIGGER bookings_no_overlap_update
BEFORE UPDATE OF resource_id, starts_at, ends_at, status ON bookings
WHEN NEW.status IN ('pending', 'confirmed')
  AND (SELECT capacity_model FROM resources WHERE id = NEW.resource_id) = 'exclusive'
BEGIN
  SELECT RAISE(ABORT, 'booking_overlap')
  WHERE EXISTS (
    SELECT 1 FROM bookings b
    WHERE b.resource_id = NEW.resource_id
      AND b.id <> NEW.id
      AND b.status IN ('pending', 'confirmed')
      AND b.starts_at < NEW.ends_at
      AND b.starts_at > NEW.starts_at - 604800000
      AND b.ends_at > NEW.starts_at
  );
END;
