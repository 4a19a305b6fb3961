import { UsageError } from '../errors.ts';
import { closeMatches, instanceShape } from './instance-types.ts';
import type { InstancePrice, PriceBook } from './price-book.ts';

/**
 * The price of an instance type in a book, or a UsageError naming close matches: first for a
 * type EC2 does not have (per the catalog), then for one the book has no price for.
 */
export function instancePrice(book: PriceBook, instanceType: string): InstancePrice {
  // Own properties only: 'constructor' is no instance type.
  const price = Object.hasOwn(book.instances, instanceType) ? book.instances[instanceType] : undefined;
  if (price) return price;
  instanceShape(instanceType);
  const near = closeMatches(instanceType, Object.keys(book.instances));
  throw new UsageError(
    `no ${book.provenance.source} price for instance type '${instanceType}' in ${book.region} (priced types close to it: ${near.join(', ')})`,
  );
}
