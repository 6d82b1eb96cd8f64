using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Audit;

/// <summary>The audit trail for the Admin: who read or changed which client's clinical record, newest first.</summary>
public static class AuditTrail
{
    public const int PageSize = 200;

    public sealed record Query(string? Client, string? User, DateOnly? From, DateOnly? To);

    public sealed record Line(DateTime LocalAt, string User, string? Client, string Action, Guid? SubjectId, string? Detail, string? FromAddress);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone)
    {
        public async Task<IReadOnlyList<Line>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var entries = db.AuditEntries.AsNoTracking();
            if (query.From is { } from)
            {
                var start = zone.DayBounds(from).Start;
                entries = entries.Where(e => e.At >= start);
            }

            if (query.To is { } to)
            {
                var end = zone.DayBounds(to).End;
                entries = entries.Where(e => e.At < end);
            }

            if (!string.IsNullOrWhiteSpace(query.User))
            {
                var user = query.User.Trim().ToLower();
                entries = entries.Where(e => e.UserName.ToLower().Contains(user));
            }

            var rows = from e in entries
                       join c in db.Clients on e.ClientId equals c.Id into clients
                       from c in clients.DefaultIfEmpty()
                       // An entry about a record merged since (decision 045) is kept as written and shown as the record kept.
                       join k in db.Clients on c.MergedIntoId equals k.Id into kept
                       from k in kept.DefaultIfEmpty()
                       select new
                       {
                           e.At, e.UserName, e.Action, e.SubjectId, e.Detail, e.FromAddress,
                           Client = k != null ? k.FirstName + " " + k.LastName : c == null ? null : c.FirstName + " " + c.LastName,
                           Email = k != null ? k.Email : c == null ? null : c.Email,
                       };
            if (!string.IsNullOrWhiteSpace(query.Client))
            {
                var client = query.Client.Trim().ToLower();
                rows = rows.Where(r => (r.Client != null && r.Client.ToLower().Contains(client)) || (r.Email != null && r.Email.ToLower().Contains(client)));
            }

            return (await rows.OrderByDescending(r => r.At).Take(PageSize).ToListAsync(cancellationToken))
                .Select(r => new Line(zone.ToLocal(r.At), r.UserName, r.Client, r.Action, r.SubjectId, r.Detail, r.FromAddress)).ToList();
        }
    }
}
