using MicroSpa.Domain.Billing;

namespace MicroSpa.Domain.Tests.Billing;

/// <summary>Builders for the money tests: a desk user, the clinic's tax classes, a serum, an open day.</summary>
internal static class BillingData
{
    public static readonly Guid Desk = Guid.CreateVersion7();
    public static readonly DateOnly Day = DateOnly.FromDateTime(TestData.Now.UtcDateTime);
    public static readonly LedgerDay Today = new(Day, Closed: false);
    public static readonly BillingSettings Settings = new(20m);

    public static TaxClass ServicesTax(decimal rate = 0m) => new(TaxKind.Services, "Services", rate);

    public static TaxClass RetailTax(decimal rate = 8.875m) => new(TaxKind.Retail, "Retail products", rate);

    public static RetailItem Serum(decimal price = 24.99m) => new("HA-30", "Hyaluronic serum 30 ml", price, lowStockThreshold: 3);

    /// <summary>A walk-in buying <paramref name="quantity"/> serums, issued today.</summary>
    public static Invoice IssuedWalkIn(int quantity = 2, decimal price = 24.99m, decimal rate = 8.875m)
    {
        var invoice = Invoice.WalkIn(null, "USD", Desk, TestData.Now);
        invoice.AddRetail(Serum(price), quantity, RetailTax(rate), null);
        invoice.Issue(Today, Desk, TestData.Now);
        return invoice;
    }

    public static CardDetails Visa() => CardDetails.Require("Visa", "4242", "a1b2c3");
}
