using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
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
            RuleFor(c => c.Credentials).NotEmpty().WithMessage("Choose at least one credential that may perform this service.");
            RuleFor(c => c.Credentials).Must(all => all.All(c => c is ProviderCredential.Esthetician or ProviderCredential.Nurse)).WithMessage("Choose a known credential.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, ILogger<Handler> logger)
    {
        /// <summary>Creates the service when <paramref name="id"/> is null.</summary>
        /// <returns>The service's id, or null with the messages; null outcome when the service to change does not exist.</returns>
        public async Task<(Guid? Id, Outcome Outcome)?> HandleAsync(Guid? id, Command command, CancellationToken cancellationToken)
        {
            var areas = await db.BodyAreas.Where(a => command.AreaIds.Contains(a.Id)).ToListAsync(cancellationToken);
            if (areas.Count != command.AreaIds.Distinct().Count())
            {
                return (null, Outcome.Fail(nameof(Command.AreaIds), "Choose body areas from the list."));
            }

            var name = command.Name.Trim();
            if (await db.Services.AnyAsync(s => s.Id != id && s.Name.ToLower() == name.ToLower(), cancellationToken))
            {
                return (null, Outcome.Fail(nameof(Command.Name), "There is already a service with this name."));
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
                }
                else
                {
                    service = new Service(command.Name, command.Description ?? string.Empty, command.Kind, command.DurationMinutes!.Value,
                        command.Price!.Value, credentials, command.BufferAfterMinutes!.Value, areas);
                    service.RequireClearance(command.RequiresClearance);
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
                return (null, Outcome.Fail(field, ex.Message));
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Service {ServiceId} saved", service.Id);
            return (service.Id, Outcome.Success);
        }
    }
}

/// <summary>Retires a service (no longer booked; it stays on past appointments) or offers it again.</summary>
public static class RetireService
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<bool> HandleAsync(Guid id, bool active, CancellationToken cancellationToken)
        {
            var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (service is null)
            {
                return false;
            }

            if (active)
            {
                service.Reinstate();
            }
            else
            {
                service.Retire();
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}

/// <summary>The services page: every service with its state, and the form for one.</summary>
public static class ServiceCatalog
{
    public sealed record Row(Guid Id, string Name, ServiceKind Kind, int DurationMinutes, int BufferAfterMinutes, decimal Price, string Credentials,
        IReadOnlyList<string> Areas, bool IsActive)
    {
        public bool RequiresClearance { get; init; }
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
                    s.BodyAreas.OrderBy(a => a.SortOrder).Select(a => a.Name).ToList(), s.IsActive) { RequiresClearance = s.RequiresClearance }).ToList(),
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
