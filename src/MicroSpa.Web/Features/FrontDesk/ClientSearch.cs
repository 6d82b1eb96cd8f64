using MicroSpa.Data;
using MicroSpa.Data.Configurations;
using MicroSpa.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>Finds clients by the start of a name first, then by any part of their name, email or phone (trigram index).</summary>
public static class ClientSearch
{
    public const int MinimumTermLength = 2;
    public const int MaxResults = 20;

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<IReadOnlyList<ClientSummary.Item>> HandleAsync(string? term, CancellationToken cancellationToken)
        {
            var cleaned = (term ?? string.Empty).Trim().ToLowerInvariant();
            if (cleaned.Length == 0)
            {
                // No search yet: the clients added most recently (a walk-in just registered, a new caller).
                return await db.Clients.AsNoTracking().Where(c => c.MergedIntoId == null).OrderByDescending(c => c.CreatedAt).Take(MaxResults)
                    .Select(ClientSummary.Line)
                    .ToListAsync(cancellationToken);
            }

            if (cleaned.Length < MinimumTermLength)
            {
                return [];
            }

            // Whom the desk most likely means first: surnames that start with the term (by surname), then first
            // names that do (by first name), then the term anywhere in a name, email or phone (by surname).
            // The first two walk a name index from the term and stop at 20, so a common name ("ava", "rossi")
            // costs the same in 5,000 clients as in 500,000 (migration IndexClientNamesForPrefixSearch).
            var escaped = cleaned.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal);
            var prefix = escaped + "%";
            var found = await db.Clients.AsNoTracking().Where(c => c.MergedIntoId == null)
                .Where(c => EF.Functions.Like(EF.Functions.Collate(c.LastName.ToLower(), "C"), prefix))
                .OrderBy(c => EF.Functions.Collate(c.LastName.ToLower(), "C")).ThenBy(c => EF.Functions.Collate(c.FirstName.ToLower(), "C"))
                .Take(MaxResults)
                .Select(ClientSummary.Line)
                .ToListAsync(cancellationToken);
            if (found.Count < MaxResults)
            {
                var ids = found.Select(f => f.Id).ToList();
                found.AddRange(await db.Clients.AsNoTracking().Where(c => c.MergedIntoId == null)
                    .Where(c => EF.Functions.Like(EF.Functions.Collate(c.FirstName.ToLower(), "C"), prefix) && !ids.Contains(c.Id))
                    .OrderBy(c => EF.Functions.Collate(c.FirstName.ToLower(), "C")).ThenBy(c => EF.Functions.Collate(c.LastName.ToLower(), "C"))
                    .Take(MaxResults - found.Count)
                    .Select(ClientSummary.Line)
                    .ToListAsync(cancellationToken));
            }

            if (found.Count < MaxResults)
            {
                var ids = found.Select(f => f.Id).ToList();
                var anywhere = "%" + escaped + "%";
                found.AddRange(await db.Clients.AsNoTracking().Where(c => c.MergedIntoId == null)
                    .Where(c => EF.Functions.Like(EF.Property<string>(c, ClientConfiguration.SearchText), anywhere) && !ids.Contains(c.Id))
                    .OrderBy(c => c.LastName).ThenBy(c => c.FirstName)
                    .Take(MaxResults - found.Count)
                    .Select(ClientSummary.Line)
                    .ToListAsync(cancellationToken));
            }

            return found;
        }
    }
}
