using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The medical director requires (or stops requiring) a co-signature on charts signed by an esthetician.</summary>
public static class SetCoSignatureRule
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task HandleAsync(bool required, CancellationToken cancellationToken)
        {
            var policy = await db.BookingPolicies.SingleAsync(cancellationToken);
            policy.RequireCoSignature(required);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
