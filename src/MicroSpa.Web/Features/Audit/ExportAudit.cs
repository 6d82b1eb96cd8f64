using System.Globalization;
using System.Runtime.CompilerServices;
using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
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
        public async IAsyncEnumerable<string> LinesAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var start = zone.DayBounds(from).Start;
            var end = zone.DayBounds(to).End;
            yield return Header;
            var rows = from e in db.AuditEntries.AsNoTracking()
                       where e.At >= start && e.At < end
                       join c in db.Clients on e.ClientId equals c.Id into clients
                       from c in clients.DefaultIfEmpty()
                       orderby e.At, e.Id
                       select new { e.At, e.UserName, e.UserId, e.Action, e.ClientId, Client = c == null ? null : c.FirstName + " " + c.LastName, e.SubjectId, e.Detail, e.FromAddress };
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return string.Join(',',
                    r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    Cell(r.UserName), r.UserId?.ToString() ?? string.Empty, Cell(r.Action), r.ClientId?.ToString() ?? string.Empty,
                    Cell(r.Client ?? string.Empty), r.SubjectId?.ToString() ?? string.Empty, Cell(r.Detail ?? string.Empty), Cell(r.FromAddress ?? string.Empty));
            }
        }

        /// <summary>
        /// A CSV cell: quoted when it holds a comma, quote or line break; and never read as a formula by a
        /// spreadsheet (a name typed as "=HYPERLINK(...)" is prefixed with an apostrophe).
        /// </summary>
        public static string Cell(string value)
        {
            if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                value = "'" + value;
            }

            return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        }
    }
}
