using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>What a client can choose for one service: its areas and the providers qualified for it.</summary>
public static class ServiceChoices
{
    public sealed record Option(Guid Id, string Name);

    public sealed record Result(Guid ServiceId, string ServiceName, string Description, ServiceKind Kind, int DurationMinutes, decimal Price,
        IReadOnlyList<Option> Areas, IReadOnlyList<Option> Providers);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<IReadOnlyList<Result>> AllAsync(CancellationToken cancellationToken)
        {
            var services = await db.Services.AsNoTracking().Include(s => s.BodyAreas).Where(s => s.IsActive)
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Name).ToListAsync(cancellationToken);
            var providers = await db.Providers.AsNoTracking().Where(p => p.Bookable).OrderBy(p => p.DisplayName).ToListAsync(cancellationToken);
            return services.Select(s => new Result(
                    s.Id, s.Name, s.Description, s.Kind, s.DurationMinutes, s.Price,
                    s.BodyAreas.OrderBy(a => a.SortOrder).Select(a => new Option(a.Id, a.Name)).ToList(),
                    providers.Where(s.CanBePerformedBy).Select(p => new Option(p.Id, p.DisplayName)).ToList()))
                .ToList();
        }

        public async Task<IReadOnlyList<Option>> RoomsAsync(CancellationToken cancellationToken) =>
            await db.Rooms.AsNoTracking().Where(r => r.InService).OrderBy(r => r.Name).Select(r => new Option(r.Id, r.Name)).ToListAsync(cancellationToken);

        public async Task<Result?> ForAsync(Guid serviceId, CancellationToken cancellationToken) =>
            (await AllAsync(cancellationToken)).SingleOrDefault(s => s.ServiceId == serviceId);
    }
}
