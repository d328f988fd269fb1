// A booking as a calendar event: the one mapping shared by feeds and invitations, so a
// booking has the same UID, SEQUENCE and text wherever a client meets it.
import type { CalendarEvent, EventStatus } from './ical.js';

export interface BookingForCalendar {
  id: number;
  startsAt: number;
  endsAt: number;
  status: 'pending' | 'confirmed' | 'cancelled' | 'released' | 'rejected';
  title: string;
  /** Rises on every change, cancellation included: the SEQUENCE. */
  version: number;
  /** The last change: the DTSTAMP. */
  updatedAt: number;
}

export interface PlaceForCalendar {
  resourceName: string;
  siteAddress: string;
  zone: string;
}

/**
 * One UID per booking row, occurrences of a series included: each occurrence has its own
 * state and version, and every client (Outlook included) handles independent events,
 * whereas instances without a master event are read differently from one client to another.
 * The domain is that of the sender address, which outlives a change of the site's URL.
 */
export function bookingUid(bookingId: number, domain: string): string {
  return `booking-${bookingId}@${domain}`;
}

export function eventStatus(status: BookingForCalendar['status']): EventStatus {
  if (status === 'confirmed') return 'CONFIRMED';
  if (status === 'pending') return 'TENTATIVE';
  return 'CANCELLED';
}

export function bookingCalendarEvent(
  booking: BookingForCalendar,
  place: PlaceForCalendar,
  options: { domain: string; baseUrl: string; summary?: string; description?: string },
): CalendarEvent {
  const title = booking.title.trim();
  const event: CalendarEvent = {
    uid: bookingUid(booking.id, options.domain),
    sequence: booking.version,
    dtstamp: booking.updatedAt,
    start: booking.startsAt,
    end: booking.endsAt,
    zone: place.zone,
    summary: options.summary ?? (title ? `${place.resourceName} – ${title}` : place.resourceName),
    location: `${place.resourceName}, ${place.siteAddress}`,
    url: `${options.baseUrl}/bookings/${booking.id}`,
    status: eventStatus(booking.status),
  };
  if (options.description) event.description = options.description;
  return event;
}

/** The domain part of an address such as "21 <reservations@21.example.org>". */
export function addressDomain(address: string): string {
  return /@([^>\s]+)>?\s*$/.exec(address)?.[1] ?? 'localhost';
}
