import { readFileSync } from 'node:fs';

const dir = new URL('../fixtures/pricing/', import.meta.url);

/** A GetProducts response fixture as the API returns it. */
export function getProductsFixture(name: string): { FormatVersion: string; PriceList: string[]; NextToken?: string } {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as { FormatVersion: string; PriceList: string[]; NextToken?: string };
}

export const ec2UsEast2 = (): string[] => [...getProductsFixture('ec2-us-east-2-page1.json').PriceList, ...getProductsFixture('ec2-us-east-2-page2.json').PriceList];
export const lambdaUsEast2 = (): string[] => getProductsFixture('lambda-us-east-2.json').PriceList;
export const feeUsEast2 = (): string[] => getProductsFixture('lmi-management-fee-us-east-2.json').PriceList;
