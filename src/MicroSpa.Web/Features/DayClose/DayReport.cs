using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.DayClose;

/// <summary>
/// A clinic day's money, as the day close shows it and the end-of-day report prints it: expected cash in the
/// drawer, the count and variance once closed, totals per tender and per provider (services, retail, tips).
/// Everything is summed from the ledger's entries dated that day (Ledger.SummarizeAsync).
/// </summary>
public static class DayReport
{
    public sealed record ProviderRow(string Name, decimal Services, decimal Retail, decimal Tips)
    {
        public decimal Total => Services + Retail + Tips;
    }

    public sealed record Closed(decimal ExpectedCash, decimal CountedCash, string? Note, string By, DateTimeOffset At)
    {
        public decimal Variance => CountedCash - ExpectedCash;
    }

    public sealed record Result(DateOnly Day, DateOnly Today, DaySummary Summary, IReadOnlyList<ProviderRow> Providers, Closed? Close, int Invoices)
    {
        public bool IsClosed => Close is not null;
        public bool CanClose => Close is null && Day <= Today;

        /// <summary>Cash refunded on the day after it closed (refunds stay allowed, dated the day they happen).</summary>
        public decimal CashRefundsAfterClose => Close is null ? 0m : Close.ExpectedCash - Summary.ExpectedCash;

        public CloseDay.Command Form { get; init; } = new();
    }

    public sealed class Handler(MicroSpaDbContext db, Ledger ledger, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <summary>The clinic's today in its own time zone.</summary>
        public DateOnly Today => zone.Today(clock.GetUtcNow());

        public async Task<Result> HandleAsync(DateOnly? day, CancellationToken cancellationToken)
        {
            var today = Today;
            var date = day ?? today;
            var summary = await ledger.SummarizeAsync(date, cancellationToken);
            var ids = summary.Providers.Where(p => p.ProviderId is not null).Select(p => p.ProviderId!.Value).ToList();
            var names = await db.Providers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
            var providers = summary.Providers
                .Select(p => new ProviderRow(p.ProviderId is { } id && names.TryGetValue(id, out var name) ? name : "No provider (walk-in retail)", p.Services, p.Retail, p.Tips))
                .OrderBy(p => p.Name, StringComparer.CurrentCulture)
                .ToList();
            var close = await db.DayCloses.AsNoTracking().Where(d => d.ClinicDay == date)
                .Select(d => new Closed(d.ExpectedCash, d.CountedCash, d.Note, db.Users.Where(u => u.Id == d.ClosedBy).Select(u => u.DisplayName).Single(), d.ClosedAt))
                .SingleOrDefaultAsync(cancellationToken);
            var invoices = await db.LedgerEntries.CountAsync(e => e.ClinicDay == date && e.Kind == EntryKind.Issued, cancellationToken);
            return new Result(date, today, summary, providers, close, invoices)
            {
                Form = new CloseDay.Command { Day = date },
            };
        }
    }
}
