using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

/// <summary>The policy editor: the current text to start from, how clients read it now, and every published version.</summary>
public static class PaymentPolicyVersions
{
    public sealed record Version(int Number, DateTime LocalPublishedAt, string? PublishedBy, string Body);

    public sealed record Result(int Current, string Preview, IReadOnlyList<Version> Versions, IReadOnlyDictionary<string, string> Placeholders)
    {
        public PublishPaymentPolicy.Command Form { get; init; } = new();
    }

    public sealed class Handler(MicroSpaDbContext db, Shared.PaymentPolicyWording.Handler wording, Domain.Scheduling.ClinicTimeZone zone)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var versions = await db.PaymentPolicyTexts.AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
            var current = versions[0];
            return new Result(current.Version, current.Fill(await wording.ValuesAsync(cancellationToken)),
                versions.Select(v => new Version(v.Version, zone.ToLocal(v.PublishedAt), v.PublishedByName, v.Body)).ToList(),
                Domain.Billing.PaymentPolicyText.Placeholders)
            {
                Form = new PublishPaymentPolicy.Command { BasedOnVersion = current.Version, Body = current.Body },
            };
        }
    }
}
