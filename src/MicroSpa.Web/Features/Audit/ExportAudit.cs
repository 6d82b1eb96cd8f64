using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Csv;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Audit;

/// <summary>The audit trail for a date range as CSV, oldest first, for the clinic's records or an inspector.</summary>
public static class ExportAudit
{
    public const int MaxDays = 366;

    public const string Header = "at_utc,user,user_id,action,client_id,client,subject_id,detail,from_address";

    /// <summary>Checks the range; null when it is fine, else the field and what is wrong.</summary>
    public static (string Field, string Message)? Check(DateOnly? from, DateOnly? to) =>
        from is null ? ("from", "Choose the first day to export.")
        : to is null ? ("to", "Choose the last day to export.")
        : !CalendarRange.Contains(from.Value) ? ("from", CalendarRange.Message)
        : !CalendarRange.Contains(to.Value) ? ("to", CalendarRange.Message)
        : to < from ? ("to", "The last day comes on or after the first.")
        : to.Value.DayNumber - from.Value.DayNumber >= MaxDays ? ("to", $"Export at most {MaxDays} days at a time.")
        : null;

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone)
    {
        /// <summary>Writes the entries to <paramref name="output"/> as they are read (never all in memory), cells defused (SafeCsv).</summary>
        public async Task WriteAsync(DateOnly from, DateOnly to, Stream output, CancellationToken cancellationToken)
        {
            var start = zone.DayBounds(from).Start;
            var end = zone.DayBounds(to).End;
            var rows = from e in db.AuditEntries.AsNoTracking()
                       where e.At >= start && e.At < end
                       join c in db.Clients on e.ClientId equals c.Id into clients
                       from c in clients.DefaultIfEmpty()
                       orderby e.At, e.Id
                       select new { e.At, e.UserName, e.UserId, e.Action, e.ClientId, Client = c == null ? null : c.FirstName + " " + c.LastName, e.SubjectId, e.Detail, e.FromAddress };
            await using var csv = SafeCsv.Create(output);
            await csv.WriteRowAsync(Header.Split(','), cancellationToken);
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                await csv.WriteRowAsync([r.At, r.UserName, r.UserId, r.Action, r.ClientId, r.Client, r.SubjectId, r.Detail, r.FromAddress], cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
        }
    }
}
