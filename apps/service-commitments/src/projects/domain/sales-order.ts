/**
 * The parts of an ERP sales order this service reads (structurally the contract's payload).
 * An optional field may be absent or null (ERP connectors serialising with Jackson send
 * nulls): both mean "not given", so test them with `?? null` / `!= null`, never `!== undefined`.
 */
export interface SalesOrderLine {
  lineId: string;
  sku: string;
  description?: string | null;
  quantity: number;
  unitPrice: string;
  forLineId?: string | null;
  serialNumbers?: string[] | null;
  warrantyMonths?: number | null;
}

export interface SalesOrder {
  orderId: string;
  orderDate: string;
  currency: string;
  customerPoNumber?: string | null;
  customer: { id: string; name: string; email?: string | null };
  site?: {
    id?: string | null;
    name?: string | null;
    address?: string | null;
    city?: string | null;
    region?: string | null;
    country?: string | null;
    timezone?: string | null;
  } | null;
  lines: SalesOrderLine[];
}
