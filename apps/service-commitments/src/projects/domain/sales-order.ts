/** The parts of an ERP sales order this service reads (structurally the contract's payload). */
export interface SalesOrderLine {
  lineId: string;
  sku: string;
  description?: string;
  quantity: number;
  unitPrice: string;
  forLineId?: string;
  serialNumbers?: string[];
  warrantyMonths?: number;
}

export interface SalesOrder {
  orderId: string;
  orderDate: string;
  currency: string;
  customerPoNumber?: string;
  customer: { id: string; name: string; email?: string };
  site?: {
    id?: string;
    name?: string;
    address?: string;
    city?: string;
    region?: string;
    country?: string;
    timezone?: string;
  };
  lines: SalesOrderLine[];
}
