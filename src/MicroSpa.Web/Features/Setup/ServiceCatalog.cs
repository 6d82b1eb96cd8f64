using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

/// <summary>The services page: every service with its state, and the form for one.</summary>
public static class ServiceCatalog
{
    public sealed record Row(Guid Id, string Name, ServiceKind Kind, int DurationMinutes, int BufferAfterMinutes, decimal Price, string Credentials,
        IReadOnlyList<string> Areas, bool IsActive)
    {
        public bool RequiresClearance { get; init; }
        public Domain.Billing.Charge Deposit { get; init; }
    }

    public sealed record Area(Guid Id, string Name);

    public sealed record Result(IReadOnlyList<Row> Services, IReadOnlyList<Area> Areas);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var services = await db.Services.AsNoTracking().Include(s => s.BodyAreas).OrderBy(s => !s.IsActive).ThenBy(s => s.SortOrder).ThenBy(s => s.Name)
                .ToListAsync(cancellationToken);
            var areas = await db.BodyAreas.AsNoTracking().Where(a => !a.NeverTreat).OrderBy(a => a.SortOrder).Select(a => new Area(a.Id, a.Name))
                .ToListAsync(cancellationToken);
            return new Result(
                services.Select(s => new Row(s.Id, s.Name, s.Kind, s.DurationMinutes, s.BufferAfterMinutes, s.Price, Describe(s.AllowedCredentials),
                    s.BodyAreas.OrderBy(a => a.SortOrder).Select(a => a.Name).ToList(), s.IsActive) { RequiresClearance = s.RequiresClearance, Deposit = s.Deposit }).ToList(),
                areas);
        }

        /// <summary>The form for an existing service, or null.</summary>
        public async Task<SaveService.Command?> FormAsync(Guid id, CancellationToken cancellationToken) =>
            await db.Services.AsNoTracking().Include(s => s.BodyAreas).SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } s
                ? new SaveService.Command
                {
                    Name = s.Name, Description = s.Description, Kind = s.Kind, DurationMinutes = s.DurationMinutes, BufferAfterMinutes = s.BufferAfterMinutes,
                    Price = s.Price, Credentials = Enum.GetValues<ProviderCredential>().Where(c => c != ProviderCredential.None && s.AllowedCredentials.HasFlag(c)).ToList(),
                    AreaIds = s.BodyAreas.Select(a => a.Id).ToList(),
                    RequiresClearance = s.RequiresClearance,
                    DepositKind = s.DepositKind,
                    DepositValue = s.DepositKind == Domain.Billing.ChargeKind.None ? null : s.DepositValue,
                }
                : null;
    }

    public static string Describe(ProviderCredential credentials) =>
        string.Join(", ", Enum.GetValues<ProviderCredential>().Where(c => c != ProviderCredential.None && credentials.HasFlag(c)).Select(c => c switch
        {
            ProviderCredential.Esthetician => "Estheticians",
            ProviderCredential.Nurse => "Nurses",
            _ => c.ToString(),
        }));
}
