using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Api;

/// <summary>The services the public API lists: the bookable ones, in the clinic's order, with their body areas.</summary>
public static class PublicServices
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<IReadOnlyList<ServiceDto>> HandleAsync(CancellationToken cancellationToken) =>
            await db.Services.AsNoTracking()
                .Where(s => s.IsActive)
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
                .Select(s => new ServiceDto(
                    s.Id, s.Name, s.Description, s.Kind.ToString(), s.DurationMinutes, s.Price,
                    s.BodyAreas.OrderBy(a => a.SortOrder).Select(a => new AreaDto(a.Id, a.Name)).ToList()))
                .ToListAsync(cancellationToken);
    }
}
