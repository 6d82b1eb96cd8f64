namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// The money report's figures for some clinic days, summed from the ledger (decision 049). Every figure is dated by
/// the ledger entry behind it: what an invoice sold on the day it was issued, a refund or a void on its own day.
/// </summary>
public sealed class MoneyFigures
{
    public decimal Services { get; private set; }
    public decimal Retail { get; private set; }
    public decimal Fees { get; private set; }

    /// <summary>Prepaid series sold (decision 047): untaxed when sold; the visits their credits pay for are counted as services.</summary>
    public decimal Packages { get; private set; }

    /// <summary>Gift cards sold (decision 048): untaxed when sold; the visits they pay for are counted as services.</summary>
    public decimal GiftCards { get; private set; }
    public decimal Discounts { get; private set; }
    public decimal Tips { get; private set; }
    public decimal Invoiced { get; private set; }
    public decimal Refunds { get; private set; }
    public decimal Voids { get; private set; }

    /// <summary>Money in and out per tender group (Cash, Card, Online, Other).</summary>
    public Dictionary<string, (decimal In, decimal Out)> Tenders { get; } = TenderGroups.ToDictionary(t => t, _ => (0m, 0m));

    /// <summary>Per provider: the tips on invoices issued, and what was given back of them (voids, refunds named on a tip line).</summary>
    public Dictionary<Guid, (decimal Tips, decimal GivenBack)> ProviderTips { get; } = [];

    /// <summary>What the invoices issued add for tax: invoiced less the lines after discounts and the tips.</summary>
    public decimal Tax => Invoiced - (Services + Retail + Fees + Packages + GiftCards - Discounts + Tips);

    public decimal Net => Invoiced - Refunds - Voids;

    /// <summary>
    /// Money in less money out: cash, card and online. Not "Other" (package credits, later gift cards): a credit is paid
    /// for when its package is sold, so counting its redemption again would collect the same money twice.
    /// </summary>
    public decimal Collected => MoneyTenderGroups.Sum(CollectedBy);

    /// <summary>The tender groups that are money, not credit bought before.</summary>
    public static readonly IReadOnlyList<string> MoneyTenderGroups = ["Cash", "Card", "Online"];

    public decimal CollectedBy(string tender) => Tenders[tender].In - Tenders[tender].Out;

    public decimal TipsKept(Guid providerId) => ProviderTips.TryGetValue(providerId, out var t) ? t.Tips - t.GivenBack : 0m;

    /// <summary>The tender groups, in the order shown.</summary>
    public static readonly IReadOnlyList<string> TenderGroups = ["Cash", "Card", "Online", "Other"];

    /// <summary>Adds one of the report query's sums (see <see cref="MoneyReport"/> for the figure codes).</summary>
    public void Add(string figure, Guid? providerId, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.StartsWith("Discount:", StringComparison.Ordinal))
        {
            Discounts += amount;
            return;
        }

        if (figure.StartsWith("Voided:", StringComparison.Ordinal) && figure != "Voided:Tip")
        {
            // A void counts in the totals as Voids (its entry); its lines only in the breakdowns and the tips.
            return;
        }

        switch (figure)
        {
            case "Issued":
                Invoiced += amount;
                break;
            case "Credit":
                Refunds += amount;
                break;
            case "Void":
                Voids += amount;
                break;
            case "Line:Service" or "Line:Area":
                Services += amount;
                break;
            case "Line:Retail":
                Retail += amount;
                break;
            case "Line:Fee":
                Fees += amount;
                break;
            case "Line:Package" or "Line:Membership":
                // A membership's month (decision 061) is prepaid as a package is: its sessions are counted as services when given.
                Packages += amount;
                break;
            case "Line:GiftCard":
                GiftCards += amount;
                break;
            case "Line:Tip":
                Tips += amount;
                AddTip(providerId, amount, 0m);
                break;
            case "TipBack" or "Voided:Tip":
                AddTip(providerId, 0m, amount);
                break;
            default:
                var parts = figure.Split(':');
                if (parts.Length != 2 || parts[0] is not ("Payment" or "Refund") || !Tenders.TryGetValue(parts[1], out var sums))
                {
                    // A figure the report does not know yet (a new line kind, a new tender) is a programming error, named.
                    throw new InvalidOperationException($"The money report has no figure for '{figure}': add it to MoneyFigures and docs/reports.md.");
                }

                Tenders[parts[1]] = parts[0] == "Payment" ? (sums.In + amount, sums.Out) : (sums.In, sums.Out + amount);
                break;
        }
    }

    private void AddTip(Guid? providerId, decimal tips, decimal back)
    {
        if (providerId is not { } id)
        {
            return;
        }

        var (t, b) = ProviderTips.GetValueOrDefault(id);
        ProviderTips[id] = (t + tips, b + back);
    }

    /// <summary>The figures, with the sentence under the table and in docs/reports.md that says what each counts.</summary>
    public static readonly IReadOnlyList<Definition> Definitions =
    [
        new("services", "Services", f => f.Services,
            "The list price of the services and areas on the invoices issued in the period, before discounts and without tax, dated the day each invoice was issued."),
        new("retail", "Retail", f => f.Retail,
            "The list price of the products on the invoices issued in the period, before discounts and without tax."),
        new("fees", "Fees", f => f.Fees,
            "The no-show and late-cancellation fees on the invoices issued in the period."),
        new("packages", "Packages", f => f.Packages,
            "The prepaid series sold on the invoices issued in the period, at their list price (untaxed: each visit a credit pays for is a service of its day, paid by the Gift card and package credit tender)."),
        new("giftcards", "Gift cards sold", f => f.GiftCards,
            "The gift cards sold on the invoices issued in the period, at their value (untaxed: each visit a card pays for is a service of its day, paid by the Gift card and package credit tender)."),
        new("discounts", "Discounts", f => f.Discounts,
            "What the desk took off the lines of the invoices issued in the period (fixed or percent, rounded once per line)."),
        new("tax", "Tax", f => f.Tax,
            "The tax on the invoices issued in the period: what was invoiced less the lines after discounts and the tips."),
        new("tips", "Tips", f => f.Tips,
            "The tips on the invoices issued in the period, as split between providers (per provider below)."),
        new("invoiced", "Invoiced", f => f.Invoiced,
            "The totals of the invoices issued in the period (services + retail + fees + packages + gift cards sold − discounts + tax + tips): the ledger's Issued entries."),
        new("refunds", "Refunds", f => f.Refunds,
            "Charges given back in the period, whole or partial, on the day of the refund whatever the day of the invoice: the ledger's Credit entries."),
        new("voids", "Voids", f => f.Voids,
            "What was left of the invoices voided in the period, counted on the day of the void, also for an invoice issued in an earlier period (whose figures stay as they were)."),
        new("net", "Net sales", f => f.Net,
            "Invoiced − refunds − voids: what clients were charged in the period net of what was given back, tax and tips included."),
        new("cash", "Cash collected", f => f.CollectedBy("Cash"),
            "Cash kept (change never counts) less cash given back, on the day each happened."),
        new("card", "Card collected (terminal)", f => f.CollectedBy("Card"),
            "Card payments on the clinic's terminal less the refunds to them."),
        new("online", "Online collected", f => f.CollectedBy("Online"),
            "Deposits used on invoices (on the day used, not the day paid on Stripe) and cards charged through Stripe, less what went back to them."),
        new("other", "Gift card and package credit used", f => f.CollectedBy("Other"),
            "Visits paid by gift card or package credit less what went back to them: prepaid money, collected when the package was sold, so not in Collected."),
        new("collected", "Collected", f => f.Collected,
            "Money in less money out by cash, card and online in the period, refunds of voids and refunds made in Stripe's dashboard included; package credits used are not money collected again."),
    ];

    /// <summary>What the tips per provider count.</summary>
    public const string TipsKeptDefinition =
        "Tips kept per provider: the tips on the invoices issued in the period, less the tips given back in the period: refunds named on a tip line, and on a void what of each tip was not refunded already (a tip is never given back twice, nor beyond its amount).";

    public sealed record Definition(string Key, string Label, Func<MoneyFigures, decimal> Value, string Sentence);
}
