using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>The clinic's devices as the setup and clinical settings pages list them (in service or not).</summary>
public static class ClinicDevices
{
    public sealed record Row(Guid Id, string Name, string Model, string Class, decimal MaxDepthMm, decimal DepthStepMm, bool InService);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<IReadOnlyList<Row>> AllAsync(CancellationToken cancellationToken) =>
            await db.Devices.AsNoTracking().OrderBy(d => d.Name)
                .Select(d => new Row(d.Id, d.Name, d.Model, d.Class.ToString(), d.MaxDepthMm, d.DepthStepMm, d.InService)).ToListAsync(cancellationToken);
    }
}
