namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// A period's sales by service, product and provider, and its money by tender (decision 049). A line counts on the day
/// its invoice was issued, after its discount, and is taken back on the day its invoice is voided (an earlier period's
/// invoice too), so a row may be negative. Refunds are not split by line (a refund names a line only when the desk
/// chose one): they are in the totals' Refunds.
/// </summary>
public sealed class MoneyBreakdown
{
    /// <summary>The key of the row without a service (areas added at the visit) or without a provider (walk-in retail).</summary>
    public static readonly Guid None = Guid.Empty;

    public Dictionary<Guid, (long Quantity, decimal Net)> Services { get; } = [];
    public Dictionary<Guid, (long Quantity, decimal Net)> Products { get; } = [];
    public Dictionary<Guid, (decimal Services, decimal Retail)> Providers { get; } = [];

    public void Add(MoneyReport.Sum sum)
    {
        ArgumentNullException.ThrowIfNull(sum);
        var parts = sum.Figure.Split(':');
        if (parts.Length != 2 || parts[0] is not ("Line" or "Discount" or "Voided"))
        {
            return;
        }

        // Issued lines add their price and quantity, discounts take their amount off, voided lines take back both.
        var (quantity, amount) = parts[0] switch
        {
            "Line" => (sum.Quantity, sum.Amount),
            "Discount" => (0L, -sum.Amount),
            _ => (-sum.Quantity, -sum.Amount),
        };
        switch (parts[1])
        {
            case "Service" or "Area":
                // An area added at the visit has no service of its own: its row is "Areas added at the visit".
                AddTo(Services, parts[1] == "Area" ? None : sum.ItemId ?? None, quantity, amount);
                var (services, retail) = Providers.GetValueOrDefault(sum.ProviderId ?? None);
                Providers[sum.ProviderId ?? None] = (services + amount, retail);
                break;
            case "Retail":
                AddTo(Products, sum.ItemId ?? None, quantity, amount);
                var (s, r) = Providers.GetValueOrDefault(sum.ProviderId ?? None);
                Providers[sum.ProviderId ?? None] = (s, r + amount);
                break;
        }
    }

    private static void AddTo(Dictionary<Guid, (long Quantity, decimal Net)> rows, Guid key, long quantity, decimal amount)
    {
        var (q, n) = rows.GetValueOrDefault(key);
        rows[key] = (q + quantity, n + amount);
    }

    /// <summary>What the breakdown tables count (the page, the CSV, docs/reports.md).</summary>
    public static readonly IReadOnlyList<(string Key, string Title, string Sentence)> Definitions =
    [
        ("by_service", "By service",
            "Per service: the visits' service lines (areas added at the visit on a row of their own), how many and their price after discounts, on the day the invoice was issued, less those of invoices voided in the period on the void's day."),
        ("by_product", "By product",
            "Per product: how many were sold and for how much after discounts on the invoices issued in the period, less those of invoices voided in the period on the void's day."),
        ("by_provider", "By provider",
            "Per provider: services and retail after discounts on the invoices issued in the period less those voided in it, and the tips kept; retail sold without a provider (a walk-in) on its own row."),
        ("by_tender", "By tender",
            "Per tender: money taken, money given back (refunds, voids' refunds, refunds made in Stripe's dashboard) and what stays, on the day each happened."),
    ];
}
