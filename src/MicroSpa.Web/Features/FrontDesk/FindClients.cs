using MicroSpa.Data;
using MicroSpa.Data.Configurations;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>Finds clients by any part of their name, email or phone (trigram index).</summary>
public static class FindClients
{
    public const int MinimumTermLength = 2;
    public const int MaxResults = 20;

    public sealed record Match(Guid Id, string Name, string? Email, string? Phone, bool HasPortalAccount);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<IReadOnlyList<Match>> HandleAsync(string? term, CancellationToken cancellationToken)
        {
            var cleaned = (term ?? string.Empty).Trim().ToLowerInvariant();
            if (cleaned.Length == 0)
            {
                // No search yet: the clients added most recently (a walk-in just registered, a new caller).
                return await db.Clients.AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(MaxResults)
                    .Select(c => new Match(c.Id, c.FirstName + " " + c.LastName, c.Email, c.Phone, c.UserId != null))
                    .ToListAsync(cancellationToken);
            }

            if (cleaned.Length < MinimumTermLength)
            {
                return [];
            }

            var pattern = "%" + cleaned.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            return await db.Clients.AsNoTracking()
                .Where(c => EF.Functions.Like(EF.Property<string>(c, ClientConfiguration.SearchText), pattern))
                .OrderBy(c => c.LastName).ThenBy(c => c.FirstName)
                .Take(MaxResults)
                .Select(c => new Match(c.Id, c.FirstName + " " + c.LastName, c.Email, c.Phone, c.UserId != null))
                .ToListAsync(cancellationToken);
        }

        public Task<Match?> ByIdAsync(Guid id, CancellationToken cancellationToken) =>
            db.Clients.AsNoTracking().Where(c => c.Id == id)
                .Select(c => new Match(c.Id, c.FirstName + " " + c.LastName, c.Email, c.Phone, c.UserId != null))
                .SingleOrDefaultAsync(cancellationToken);
    }
}
