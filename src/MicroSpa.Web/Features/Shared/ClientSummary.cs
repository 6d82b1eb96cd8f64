using System.Linq.Expressions;
using MicroSpa.Data;
using MicroSpa.Domain.Clients;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>A client as a line on the desk's pages (the search, desk booking, adding them to the waitlist): name, contact, portal account.</summary>
public static class ClientSummary
{
    public sealed record Item(Guid Id, string Name, string? Email, string? Phone, bool HasPortalAccount);

    /// <summary>The line of a client, in a query.</summary>
    public static readonly Expression<Func<Client, Item>> Line = c => new Item(c.Id, c.FirstName + " " + c.LastName, c.Email, c.Phone, c.UserId != null);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public Task<Item?> ByIdAsync(Guid id, CancellationToken cancellationToken) =>
            db.Clients.AsNoTracking().Where(c => c.Id == id).Select(Line).SingleOrDefaultAsync(cancellationToken);
    }
}
