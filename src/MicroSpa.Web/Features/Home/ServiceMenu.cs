using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Home;

/// <summary>The clinic's bookable services, as shown on the home page.</summary>
public static class ServiceMenu
{
    public sealed record Item(Guid Id, string Name, string Description, int DurationMinutes, decimal Price, IReadOnlyList<string> Areas);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<IReadOnlyList<Item>> HandleAsync(CancellationToken cancellationToken) =>
            await db.Services
                .AsNoTracking()
                .Where(s => s.IsActive)
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
                .Select(s => new Item(
                    s.Id,
                    s.Name,
                    s.Description,
                    s.DurationMinutes,
                    s.Price,
                    s.BodyAreas.OrderBy(a => a.SortOrder).Select(a => a.Name).ToList()))
                .ToListAsync(cancellationToken);
    }
}
