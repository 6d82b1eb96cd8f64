using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

/// <summary>
/// Adds a service to the menu or changes one: name, client-facing description, duration, buffer, price,
/// the body areas it covers and the credentials that may perform it. Appointments already booked keep
/// the times they were booked with.
/// </summary>
public static class SaveService
{
    public sealed class Command
    {
        [Display(Name = "Name")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Description for clients")]
        public string? Description { get; set; }

        public ServiceKind Kind { get; set; } = ServiceKind.Treatment;

        [Display(Name = "Duration (minutes)")]
        public int? DurationMinutes { get; set; }

        [Display(Name = "Buffer after (minutes)")]
        public int? BufferAfterMinutes { get; set; }

        [Display(Name = "Price")]
        public decimal? Price { get; set; }

        public List<ProviderCredential> Credentials { get; set; } = [];
        public List<Guid> AreaIds { get; set; } = [];

        /// <summary>The deposit taken when the service is booked online: none, a fixed amount or a percent of the price.</summary>
        [Display(Name = "Deposit at online booking")]
        public ChargeKind DepositKind { get; set; }

        [Display(Name = "Deposit: amount or percent")]
        public decimal? DepositValue { get; set; }

        /// <summary>A client needs a medical clearance (good-faith exam) in force before this treatment.</summary>
        public bool RequiresClearance { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the service's name.")
                .MaximumLength(FieldLengths.ShortName).WithMessage($"A service name can be at most {FieldLengths.ShortName} characters.");
            RuleFor(c => c.Description).MaximumLength(FieldLengths.Description)
                .WithMessage($"The description can be at most {FieldLengths.Description} characters.");
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose treatment or consultation.");
            RuleFor(c => c.DurationMinutes).NotNull().WithMessage("Enter the duration in minutes.")
                .InclusiveBetween(Service.MinDurationMinutes, Service.MaxDurationMinutes)
                .WithMessage($"The duration is {Service.MinDurationMinutes} to {Service.MaxDurationMinutes} minutes.");
            RuleFor(c => c.BufferAfterMinutes).NotNull().WithMessage("Enter the buffer after, 0 for none.")
                .InclusiveBetween(0, Service.MaxBufferMinutes).WithMessage($"The buffer after is 0 to {Service.MaxBufferMinutes} minutes.");
            RuleFor(c => c.Price).NotNull().WithMessage("Enter the price, 0 for free.")
                .InclusiveBetween(0m, Service.MaxPrice).WithMessage("Enter a price from 0.");
            RuleFor(c => c.DepositKind).IsInEnum().WithMessage("Choose no deposit, a fixed amount or a percent of the price.");
            RuleFor(c => c.DepositValue).NotNull().When(c => c.DepositKind != ChargeKind.None)
                .WithMessage(c => c.DepositKind == ChargeKind.Percent ? "Enter the percent of the price." : "Enter the deposit's amount.");
            RuleFor(c => c.DepositValue).Must(v => v is > 0m and <= 100m && decimal.Round(v.Value, 2) == v).When(c => c.DepositKind == ChargeKind.Percent && c.DepositValue is not null)
                .WithMessage(Charge.PercentMessage);
            RuleFor(c => c.Credentials).NotEmpty().WithMessage("Choose at least one credential that may perform this service.");
            RuleFor(c => c.Credentials).Must(all => all.All(c => c is ProviderCredential.Esthetician or ProviderCredential.Nurse)).WithMessage("Choose a known credential.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <summary>Creates the service when <paramref name="id"/> is null.</summary>
        /// <returns>Done with the service's id, or the messages; null when the service to change does not exist.</returns>
        public async Task<Outcome<Guid>?> HandleAsync(Guid? id, Command command, CancellationToken cancellationToken)
        {
            Charge deposit;
            try
            {
                deposit = Charge.Create(command.DepositKind, command.DepositValue, nameof(Command.DepositValue));
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(nameof(Command.DepositValue), ex.Message);
            }

            var areas = await db.BodyAreas.Where(a => command.AreaIds.Contains(a.Id)).ToListAsync(cancellationToken);
            if (areas.Count != command.AreaIds.Distinct().Count())
            {
                return Outcome.Fail(nameof(Command.AreaIds), "Choose body areas from the list.");
            }

            var name = command.Name.Trim();
            if (await db.Services.AnyAsync(s => s.Id != id && s.Name.ToLower() == name.ToLower(), cancellationToken))
            {
                return Outcome.Fail(nameof(Command.Name), "There is already a service with this name.");
            }

            var credentials = command.Credentials.Aggregate(ProviderCredential.None, (all, c) => all | c);
            Service service;
            try
            {
                if (id is { } existingId)
                {
                    var existing = await db.Services.Include(s => s.BodyAreas).SingleOrDefaultAsync(s => s.Id == existingId, cancellationToken);
                    if (existing is null)
                    {
                        return null;
                    }

                    service = existing;
                    service.Describe(command.Name, command.Description ?? string.Empty);
                    service.Reschedule(command.DurationMinutes!.Value, command.BufferAfterMinutes!.Value);
                    service.Reprice(command.Price!.Value);
                    service.AllowCredentials(credentials);
                    service.SetBodyAreas(areas);
                    service.RequireClearance(command.RequiresClearance);
                    service.SetDeposit(deposit);
                }
                else
                {
                    service = new Service(command.Name, command.Description ?? string.Empty, command.Kind, command.DurationMinutes!.Value,
                        command.Price!.Value, credentials, command.BufferAfterMinutes!.Value, areas);
                    service.RequireClearance(command.RequiresClearance);
                    service.SetDeposit(deposit);
                    service.PlaceAt(await db.Services.CountAsync(cancellationToken) + 1);
                    db.Services.Add(service);
                }
            }
            catch (DomainException ex)
            {
                // The domain names what it guards; the form names what the person ticks.
                var field = ex.Field switch
                {
                    nameof(Service.BodyAreas) => nameof(Command.AreaIds),
                    nameof(Service.AllowedCredentials) => nameof(Command.Credentials),
                    var other => other ?? string.Empty,
                };
                return Outcome.Fail(field, ex.Message);
            }

            // A deposit is a money setting: set on a new service or changed on one, it is audited in the same save.
            var entry = db.Entry(service);
            if (id is null ? !deposit.IsNothing : entry.Property(s => s.DepositKind).IsModified || entry.Property(s => s.DepositValue).IsModified)
            {
                db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, ChangeMoneySettings.AuditAction, null, clock.GetUtcNow(),
                    $"service {service.Id} deposit {DescribeCharge(deposit)}", actor.Address));
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Service {ServiceId} saved", service.Id);
            return Outcome<Guid>.Done(service.Id);
        }
    }

    /// <summary>The deposit as the audit trail records it: "none", "fixed 50.00", "percent 20".</summary>
    public static string DescribeCharge(Charge deposit) => deposit.Kind switch
    {
        ChargeKind.Fixed => string.Create(CultureInfo.InvariantCulture, $"fixed {deposit.Value:0.00}"),
        ChargeKind.Percent => string.Create(CultureInfo.InvariantCulture, $"percent {deposit.Value:0.##}"),
        _ => "none",
    };
}
