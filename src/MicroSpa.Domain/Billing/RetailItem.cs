namespace MicroSpa.Domain.Billing;

/// <summary>
/// Something the desk sells over the counter (a serum, a sunscreen, a home-care kit). Not the chart's
/// <see cref="Treatments.Product"/>: that one is a clinical catalogue entry (applied on needled skin, flagged
/// when unsafe there, searched by recall); this one has a SKU, a price, a tax class and stock. One bottle of
/// a serum may be both; each record answers its own questions (decision 032).
/// Stock on hand is never stored here: it is the sum of the item's <see cref="StockEntry"/> rows.
/// </summary>
public sealed class RetailItem
{
    public const int SkuLength = 40;
    public const int MaxLowStockThreshold = 10_000;

    private RetailItem()
    {
        Sku = Name = string.Empty;
    }

    public RetailItem(string sku, string name, decimal price, int lowStockThreshold = 0)
    {
        Id = Guid.CreateVersion7();
        Sku = Name = string.Empty;
        Describe(sku, name);
        Reprice(price);
        SetLowStockThreshold(lowStockThreshold);
        Active = true;
    }

    public Guid Id { get; private set; }
    public string Sku { get; private set; }
    public string Name { get; private set; }
    public decimal Price { get; private set; }

    /// <summary>Retail lines are taxed at the retail rate (a line keeps the rate it was sold at).</summary>
    public TaxKind TaxKind { get; private set; } = TaxKind.Retail;

    /// <summary>At or below this many on hand, the item is shown as low.</summary>
    public int LowStockThreshold { get; private set; }

    /// <summary>Retired items stay on past invoices but are no longer sold.</summary>
    public bool Active { get; private set; }

    public void Describe(string sku, string name)
    {
        var trimmedSku = sku?.Trim() ?? string.Empty;
        if (trimmedSku.Length is 0 or > SkuLength || trimmedSku.Any(char.IsWhiteSpace))
        {
            throw new DomainException($"A SKU has 1 to {SkuLength} characters and no spaces.", nameof(Sku));
        }

        var trimmedName = name?.Trim() ?? string.Empty;
        if (trimmedName.Length is 0 or > FieldLengths.ShortName)
        {
            throw new DomainException($"A product needs a name of 1 to {FieldLengths.ShortName} characters.", nameof(Name));
        }

        Sku = trimmedSku.ToUpperInvariant();
        Name = trimmedName;
    }

    public void Reprice(decimal price) => Price = Money.RequireAmount(price, nameof(Price), allowZero: true);

    public void SetLowStockThreshold(int threshold)
    {
        if (threshold is < 0 or > MaxLowStockThreshold)
        {
            throw new DomainException($"The low-stock threshold is 0 to {MaxLowStockThreshold}.", nameof(LowStockThreshold));
        }

        LowStockThreshold = threshold;
    }

    public bool IsLow(int onHand) => onHand <= LowStockThreshold;

    public void Retire() => Active = false;

    public void Reinstate() => Active = true;
}
