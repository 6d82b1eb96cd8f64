using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Packages;

/// <summary>
/// Defines a package or changes one (decision 047): a change is a new version, so a package already sold keeps the terms
/// it was sold on. Name, the services a credit pays for, the sessions, the price in the clinic's currency, validity in months.
/// </summary>
public static class SavePackage
{
    public sealed class Command
    {
        [Display(Name = "Name")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Services a credit pays for")]
        public List<Guid> ServiceIds { get; set; } = [];

        [Display(Name = "Sessions")]
        public int? Sessions { get; set; }

        [Display(Name = "Price")]
        public decimal? Price { get; set; }

        [Display(Name = "Credits last (months)")]
        public int? ValidityMonths { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Give the package a name.")
                .MaximumLength(PackageVersion.NameLength).WithMessage($"A package's name can be at most {PackageVersion.NameLength} characters.");
            RuleFor(c => c.ServiceIds).NotEmpty().WithMessage("Choose the services a credit pays for.");
            RuleFor(c => c.Sessions).NotNull().WithMessage("Give the number of sessions.")
                .InclusiveBetween(1, PackageVersion.MaxSessions).WithMessage($"A package holds 1 to {PackageVersion.MaxSessions} sessions.");
            RuleFor(c => c.Price).NotNull().WithMessage("Give the package's price.")
                .GreaterThan(0m).WithMessage("Enter a price above zero.")
                .LessThanOrEqualTo(Money.MaxAmount).WithMessage("That price is too high: check the figure.");
            RuleFor(c => c.ValidityMonths).NotNull().WithMessage("Give how many months the credits last.")
                .InclusiveBetween(1, PackageVersion.MaxValidityMonths).WithMessage($"Credits last 1 to {PackageVersion.MaxValidityMonths} months.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, ClinicMoney money, TimeProvider clock)
    {
        /// <summary>Defines a package when <paramref name="id"/> is null, else writes its next version.</summary>
        /// <returns>Done with the package's id, or the messages; null when the package to change does not exist.</returns>
        public async Task<Outcome<Guid>?> HandleAsync(Guid? id, Command command, CancellationToken cancellationToken)
        {
            var wanted = command.ServiceIds.Distinct().ToList();
            if (await db.Services.CountAsync(s => wanted.Contains(s.Id) && s.IsActive, cancellationToken) != wanted.Count)
            {
                return Outcome.Fail(nameof(Command.ServiceIds), "Choose services from the list (services offered now).");
            }

            var now = clock.GetUtcNow();
            var by = actor.ForLedger;
            PackageVersion version;
            try
            {
                var terms = new PackageTerms(command.Name, wanted, command.Sessions!.Value, money.Of(command.Price!.Value), command.ValidityMonths!.Value);
                if (id is { } existing)
                {
                    var package = await db.Packages.SingleOrDefaultAsync(p => p.Id == existing, cancellationToken);
                    if (package is null)
                    {
                        return null;
                    }

                    var current = await db.PackageVersions.Where(v => v.PackageId == existing).OrderByDescending(v => v.Number).FirstAsync(cancellationToken);
                    version = package.Revise(current, terms, by.UserId, now);
                }
                else
                {
                    (var package, version) = Package.Define(terms, by.UserId, now);
                    db.Packages.Add(package);
                }
            }
            catch (DomainException e)
            {
                return Outcome.Fail(e.Field ?? string.Empty, e.Message);
            }

            db.PackageVersions.Add(version);
            db.AuditEntries.Add(new AuditEntry(by.UserId, by.UserName, null, "money.package", version.PackageId, now,
                $"package version {version.Number}: {version.Sessions} sessions, {version.Price:0.00} {version.Currency}, {version.ValidityMonths} months", by.Address));
            await db.SaveChangesAsync(cancellationToken);
            return Outcome<Guid>.Done(version.PackageId);
        }
    }
}
