using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The current cancellation and payment policy as a client reads it (issue 18): its version (what an acceptance points
/// to) and its text with the clinic's cutoff and fees filled in. The policy editor previews it; online booking shows it
/// before the deposit, followed by <see cref="BookingRequirement.Summary"/>.
/// </summary>
public static class PaymentPolicyWording
{
    public sealed record Result(int Version, string Text);

    public sealed class Handler(MicroSpaDbContext db, ClinicMoney money)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var current = await db.PaymentPolicyTexts.AsNoTracking().OrderByDescending(p => p.Version).FirstAsync(cancellationToken);
            return new Result(current.Version, current.Fill(await ValuesAsync(cancellationToken)));
        }

        /// <summary>The current policy's version alone: what confirming compares with the version the client read.</summary>
        public Task<int> VersionAsync(CancellationToken cancellationToken) =>
            db.PaymentPolicyTexts.AsNoTracking().MaxAsync(p => p.Version, cancellationToken);

        /// <summary>The words each placeholder becomes with the clinic's settings as they are now.</summary>
        public async Task<IReadOnlyDictionary<string, string>> ValuesAsync(CancellationToken cancellationToken)
        {
            var rules = (await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken)).PaymentRules;
            var cutoff = await db.BookingPolicies.AsNoTracking().Select(p => p.CancellationCutoffHours).SingleAsync(cancellationToken);
            return PaymentPolicyText.Values(rules, cutoff, money.Format, money.Currency);
        }
    }
}
