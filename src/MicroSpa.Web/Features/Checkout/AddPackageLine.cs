using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Sells a package (a prepaid series, decision 047) to the invoice's client: one untaxed line at the price of the package's
/// newest version, which the line names. A retired package, or a sale without a client, is refused. Its credits are issued
/// when the invoice is paid in full.
/// </summary>
public static class AddPackageLine
{
    public sealed class Command
    {
        [Display(Name = "Package")]
        public Guid? PackageId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.PackageId).NotNull().WithMessage("Choose a package.");
    }

    private static readonly Dictionary<string, string> Fields = new() { [nameof(InvoiceLine.PackageVersionId)] = nameof(Command.PackageId) };

    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken)
        {
            var package = await db.Packages.AsNoTracking().Where(p => p.Id == command.PackageId)
                .Select(p => new { p.RetiredAt, Version = db.PackageVersions.Where(v => v.PackageId == p.Id).OrderByDescending(v => v.Number).First() })
                .SingleOrDefaultAsync(cancellationToken);
            if (package is null)
            {
                return await db.Invoices.AnyAsync(i => i.Id == invoiceId, cancellationToken)
                    ? Outcome.Fail(nameof(Command.PackageId), "Choose a package from the list.")
                    : null;
            }

            return await DraftInvoices.EditAsync(db, invoiceId, invoice =>
            {
                invoice.AddPackage(package.Version, package.RetiredAt is not null);
                return Task.CompletedTask;
            }, Fields, cancellationToken);
        }
    }
}
