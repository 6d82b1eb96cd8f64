using MicroSpa.Data;
using MicroSpa.Data.Configurations;
using MicroSpa.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClientMerge;

/// <summary>
/// The start of a merge: the client the desk is looking at, and the other records it might be a duplicate of, found by
/// any part of a name, email or phone (merged records never listed). With no search yet, the records sharing the
/// client's last name, email or phone are offered.
/// </summary>
public static class MergeCandidates
{
    public const int MaxResults = 20;

    public sealed record Result(ClientSummary.Item Client, string? Term, IReadOnlyList<ClientSummary.Item> Matches);

    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <returns>Null when there is no such client (or it is itself merged: the desk starts from the record kept).</returns>
        public async Task<Result?> HandleAsync(Guid id, string? term, CancellationToken cancellationToken)
        {
            var client = await db.Clients.AsNoTracking().Where(c => c.Id == id && c.MergedIntoId == null)
                .Select(c => new { c.FirstName, c.LastName, c.Email, c.Phone, HasPortalAccount = c.UserId != null }).SingleOrDefaultAsync(cancellationToken);
            if (client is null)
            {
                return null;
            }

            var others = db.Clients.AsNoTracking().Where(c => c.Id != id && c.MergedIntoId == null);
            var cleaned = (term ?? string.Empty).Trim().ToLowerInvariant();
            if (cleaned.Length >= 2)
            {
                var escaped = cleaned.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                    .Replace("_", "\\_", StringComparison.Ordinal);
                others = others.Where(c => EF.Functions.Like(EF.Property<string>(c, ClientConfiguration.SearchText), "%" + escaped + "%"));
            }
            else
            {
                var lastName = client.LastName.ToLower();
                var email = client.Email == null ? null : client.Email.ToLower();
                others = others.Where(c => c.LastName.ToLower() == lastName || (email != null && c.Email != null && c.Email.ToLower() == email)
                    || (client.Phone != null && c.Phone == client.Phone));
            }

            var matches = await others.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).Take(MaxResults).Select(ClientSummary.Line).ToListAsync(cancellationToken);
            return new Result(new ClientSummary.Item(id, client.FirstName + " " + client.LastName, client.Email, client.Phone, client.HasPortalAccount), term, matches);
        }
    }
}
