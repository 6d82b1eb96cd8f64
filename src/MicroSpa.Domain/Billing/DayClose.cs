namespace MicroSpa.Domain.Billing;

/// <summary>
/// The desk closed a clinic day: the drawer was counted against what the entries say it holds. Insert-only
/// and one per day: after it, the day takes no payment, issue or void; a refund is dated the day it happens.
/// </summary>
public sealed class DayClose
{
    public const int NoteLength = 500;

    private DayClose()
    {
    }

    public DateOnly ClinicDay { get; private set; }
    public decimal ExpectedCash { get; private set; }
    public decimal CountedCash { get; private set; }
    public decimal Variance => CountedCash - ExpectedCash;
    public string? Note { get; private set; }
    public Guid ClosedBy { get; private set; }
    public DateTimeOffset ClosedAt { get; private set; }

    /// <summary>Closes <paramref name="summary"/>'s day; a day not yet begun cannot be closed.</summary>
    public static DayClose Close(DaySummary summary, decimal countedCash, string? note, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Day > today)
        {
            throw new DomainException("A day is closed once it has begun.", nameof(ClinicDay));
        }

        Money.RequireAmount(countedCash, nameof(CountedCash), allowZero: true);
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > NoteLength })
        {
            throw new DomainException($"The note has at most {NoteLength} characters.", nameof(Note));
        }

        if (summary.ExpectedCash != countedCash && trimmed is null)
        {
            throw new DomainException("The drawer does not match: say what happened in the note.", nameof(Note));
        }

        return new DayClose
        {
            ClinicDay = summary.Day,
            ExpectedCash = summary.ExpectedCash,
            CountedCash = countedCash,
            Note = trimmed,
            ClosedBy = byUserId,
            ClosedAt = now.ToUniversalTime(),
        };
    }
}

/// <summary>One tender's money on a day: in, out, and what stays.</summary>
public sealed record TenderTotal(Tender Tender, decimal Payments, decimal Refunds)
{
    public decimal Net => Payments - Refunds;
}

/// <summary>One provider's work on a day's invoices (issued that day and not voided).</summary>
public sealed record ProviderTotal(Guid? ProviderId, decimal Services, decimal Retail, decimal Tips);

/// <summary>What a clinic day's entries add up to; the day close compares the drawer with <see cref="ExpectedCash"/>.</summary>
public sealed record DaySummary(
    DateOnly Day,
    decimal Issued,
    decimal Credits,
    decimal Voids,
    IReadOnlyList<TenderTotal> Tenders,
    IReadOnlyList<ProviderTotal> Providers)
{
    public decimal Payments => Tenders.Sum(t => t.Payments);
    public decimal Refunds => Tenders.Sum(t => t.Refunds);

    /// <summary>Cash kept minus cash given back (change never entered the drawer's figure: only what was kept).</summary>
    public decimal ExpectedCash => Tenders.Where(t => t.Tender == Tender.Cash).Sum(t => t.Net);

    /// <param name="day">The clinic day summed.</param>
    /// <param name="entries">Every entry dated <paramref name="day"/>.</param>
    /// <param name="lines">The lines of the invoices issued on <paramref name="day"/>, with whether each invoice is voided.</param>
    public static DaySummary From(DateOnly day, IEnumerable<LedgerEntry> entries, IEnumerable<(InvoiceLine Line, bool Voided)> lines)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(lines);
        var dated = entries.ToList();
        if (dated.Any(e => e.ClinicDay != day))
        {
            throw new ArgumentException("Every entry must be dated on the day summed.", nameof(entries));
        }

        var tenders = dated.Where(e => e.Tender is not null)
            .GroupBy(e => e.Tender!.Value)
            .OrderBy(g => g.Key)
            .Select(g => new TenderTotal(g.Key, g.Where(e => e.Kind == EntryKind.Payment).Sum(e => e.Amount), g.Where(e => e.Kind == EntryKind.Refund).Sum(e => e.Amount)))
            .ToList();
        var providers = lines.Where(l => !l.Voided).Select(l => l.Line)
            .GroupBy(l => l.ProviderId)
            .OrderBy(g => g.Key)
            .Select(g => new ProviderTotal(
                g.Key,
                g.Where(l => l.Kind is LineKind.Service or LineKind.Area).Sum(l => l.Net),
                g.Where(l => l.Kind == LineKind.Retail).Sum(l => l.Net),
                g.Where(l => l.Kind == LineKind.Tip).Sum(l => l.Net)))
            .ToList();
        return new DaySummary(
            day,
            dated.Where(e => e.Kind == EntryKind.Issued).Sum(e => e.Amount),
            dated.Where(e => e.Kind == EntryKind.Credit).Sum(e => e.Amount),
            dated.Where(e => e.Kind == EntryKind.Void).Sum(e => e.Amount),
            tenders,
            providers);
    }
}
