import { createHash } from "node:crypto";
import { faker } from "@faker-js/faker/locale/en";

/** A contact to start with: anything left out gets an empty default. */
export interface ContactFixture {
  /** Taken as given; otherwise the next free id. */
  id?: number;
  name?: string;
  email?: string | null;
  phone_number?: string | null;
  identifier?: string | null;
  blocked?: boolean;
  availability_status?: string;
  additional_attributes?: Record<string, unknown>;
  custom_attributes?: Record<string, unknown>;
  /** Unix seconds; defaults to the simulator's start time. */
  created_at?: number;
  /** Unix seconds; left out for a contact that was never active. */
  last_activity_at?: number;
  /** LiveDesk documents no labels API, so labels are given here (or with `simulator.setLabels`). */
  labels?: string[];
}

const LABELS = ["vip", "premium", "lead", "customer", "partner", "newsletter"];
const DAY = 86_400;

/**
 * `count` made-up contacts, the same for the same seed: names, emails, phone numbers, identifiers, companies, cities
 * and labels from @faker-js/faker, created within two years before `startSeconds`.
 */
export function generateContacts(count: number, seed: number, startSeconds: number): ContactFixture[] {
  faker.seed(seed);
  const emails = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    let email = faker.internet.email({ firstName, lastName }).toLowerCase();
    if (emails.has(email)) {
      email = email.replace("@", `.${index}@`);
    }
    emails.add(email);
    const createdAt = faker.number.int({ min: startSeconds - 730 * DAY, max: startSeconds - DAY });
    const active = faker.datatype.boolean({ probability: 0.85 });
    return {
      name: `${firstName} ${lastName}`,
      email,
      phone_number: faker.datatype.boolean({ probability: 0.8 })
        ? faker.phone.number({ style: "international" })
        : null,
      identifier: faker.datatype.boolean({ probability: 0.6 }) ? `cus_${faker.string.alphanumeric(10)}` : null,
      blocked: faker.datatype.boolean({ probability: 0.05 }),
      additional_attributes: {
        company_name: faker.company.name(),
        city: faker.location.city(),
        country: faker.location.country(),
        country_code: faker.location.countryCode(),
      },
      custom_attributes: {},
      created_at: createdAt,
      ...(active && { last_activity_at: faker.number.int({ min: createdAt, max: startSeconds - 60 }) }),
      labels: faker.helpers.arrayElements(LABELS, { min: 0, max: 2 }),
    };
  });
}

/**
 * A random-looking value that depends only on the seed, a kind of thing and its number, so that ids made while the
 * simulator runs are the same in every run, whatever else happens in the process.
 */
export function derived(seed: number, kind: string, sequence: number): string {
  return createHash("sha256").update(`${seed}:${kind}:${sequence}`).digest("hex");
}

/** {@link derived} as a UUID (version 4 layout). */
export function derivedUuid(seed: number, kind: string, sequence: number): string {
  const hex = derived(seed, kind, sequence);
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
