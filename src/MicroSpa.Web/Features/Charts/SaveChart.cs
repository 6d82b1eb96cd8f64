using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>
/// Saves the chart as a draft (whatever was typed, so nothing is lost); with the sign intent the saved draft is
/// then signed (<see cref="SignChart"/>). A signed chart never changes.
/// </summary>
public static class SaveChart
{
    public const string SaveIntent = "save";
    public const string SignIntent = "sign";
    public const string StaleMessage = "This chart was saved from another device while you were editing. Your entries are still on this page: check them and save again.";
    public const string HundredthsMessage = "A depth is set to the hundredth of a millimetre at most, such as 0.25.";
    public const string SignedMessage = "This chart is signed and can no longer change. Add an addendum instead.";

    public sealed class AreaForm
    {
        public Guid BodyAreaId { get; set; }
        public string? AreaName { get; set; }
        public decimal? DepthMm { get; set; }
        public int? Passes { get; set; }
        public Guid? ProductId { get; set; }
        public string? ProductLot { get; set; }
        public ClinicalEndpoint? Endpoint { get; set; }
        public string? Reaction { get; set; }
        public string? WarningReason { get; set; }
    }

    public sealed class PlanLine
    {
        public AftercareKind Kind { get; set; }
        public string Text { get; set; } = string.Empty;
        public DateTimeOffset? Until { get; set; }
        public bool Keep { get; set; } = true;
    }

    public sealed class Command
    {
        public uint Version { get; set; }

        /// <summary>A new id for every rendering of the form: a retried submission is recognised.</summary>
        public Guid SaveId { get; set; }

        public string Intent { get; set; } = SaveIntent;

        [Display(Name = "Fitzpatrick type")]
        public FitzpatrickType? SkinType { get; set; }

        [Display(Name = "Skin assessment")]
        public string? SkinNotes { get; set; }

        public List<string> Indications { get; set; } = [];

        [Display(Name = "Numbing agent")]
        public string? NumbingAgent { get; set; }

        [Display(Name = "Applied at")]
        public TimeOnly? NumbingApplied { get; set; }

        [Display(Name = "Removed at")]
        public TimeOnly? NumbingRemoved { get; set; }

        public bool NumbingOccluded { get; set; }

        [Display(Name = "Device")]
        public Guid? DeviceId { get; set; }

        [Display(Name = "Cartridge needles")]
        public int? CartridgeNeedles { get; set; }

        [Display(Name = "Cartridge lot")]
        public string? CartridgeLot { get; set; }

        [Display(Name = "Cartridge expiry")]
        public DateOnly? CartridgeExpiry { get; set; }

        [Display(Name = "Notes")]
        public string? Notes { get; set; }

        public bool ScreeningAcknowledged { get; set; }

        [Display(Name = "Why there are no before photos")]
        public string? NoPhotosReason { get; set; }

        public List<AreaForm> Areas { get; set; } = [];

        /// <summary>An area to add to the chart (more than were booked).</summary>
        public Guid? AddAreaId { get; set; }

        /// <summary>An area to take off the draft (its row's Remove button); everything else typed is saved with it.</summary>
        public Guid? RemoveAreaId { get; set; }

        public List<PlanLine> Plan { get; set; } = [];

        public static Command From(TreatmentRecord record, ClinicTimeZone zone, IReadOnlyList<AftercarePlanItem> plan) => new()
        {
            Version = record.Version,
            SaveId = Guid.CreateVersion7(),
            SkinType = record.SkinType,
            SkinNotes = record.SkinNotes,
            Indications = [.. record.Indications],
            NumbingAgent = record.NumbingAgent,
            NumbingApplied = record.NumbingAppliedAt is { } applied ? TimeOnly.FromDateTime(zone.ToLocal(applied)) : null,
            NumbingRemoved = record.NumbingRemovedAt is { } removed ? TimeOnly.FromDateTime(zone.ToLocal(removed)) : null,
            NumbingOccluded = record.NumbingOccluded,
            DeviceId = record.DeviceId,
            CartridgeNeedles = record.CartridgeNeedles,
            CartridgeLot = record.CartridgeLot,
            CartridgeExpiry = record.CartridgeExpiry,
            Notes = record.Notes,
            ScreeningAcknowledged = record.ScreeningAcknowledged,
            NoPhotosReason = record.NoPhotosReason,
            Areas = record.Areas.Select(a => new AreaForm
            {
                BodyAreaId = a.BodyAreaId, AreaName = a.AreaName, DepthMm = a.DepthMm, Passes = a.Passes, ProductId = a.ProductId,
                ProductLot = a.ProductLot, Endpoint = a.Endpoint, Reaction = a.Reaction, WarningReason = a.WarningReason,
            }).ToList(),
            Plan = plan.Select(p => new PlanLine { Kind = p.Kind, Text = p.Text, Until = p.Until }).ToList(),
        };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Intent).Must(i => i is SaveIntent or SignIntent).WithMessage("Save or sign.");
            RuleFor(c => c.SkinType).IsInEnum().WithMessage("Choose a Fitzpatrick type from I to VI.");
            RuleFor(c => c.SkinNotes).MaximumLength(FieldLengths.Note).WithMessage($"At most {FieldLengths.Note} characters.");
            RuleFor(c => c.Indications).Must(i => i.Count <= 10 && i.All(x => x is not null && x.Length <= FieldLengths.ShortName)).WithMessage("Choose indications from the list.");
            RuleFor(c => c.NumbingAgent).MaximumLength(FieldLengths.ShortName).WithMessage($"At most {FieldLengths.ShortName} characters.");
            RuleFor(c => c.CartridgeNeedles).InclusiveBetween(1, 100).WithMessage("A cartridge has 1 to 100 needles.");
            RuleFor(c => c.CartridgeLot).MaximumLength(FieldLengths.ShortName).WithMessage($"At most {FieldLengths.ShortName} characters.");
            RuleFor(c => c.Notes).MaximumLength(FieldLengths.Note).WithMessage($"At most {FieldLengths.Note} characters.");
            RuleFor(c => c.NoPhotosReason).MaximumLength(FieldLengths.Description).WithMessage($"At most {FieldLengths.Description} characters.");
            RuleFor(c => c.Areas).Must(a => a.Count <= 30).WithMessage("At most 30 areas.");
            RuleForEach(c => c.Areas).ChildRules(area =>
            {
                // The pen's own maximum is checked by the handler, which knows the pen (its message names it).
                area.RuleFor(a => a.DepthMm).GreaterThan(0m).WithMessage("Enter a depth above 0 mm.")
                    .Must(d => d is null || d.Value * 100m == decimal.Truncate(d.Value * 100m)).WithMessage(HundredthsMessage);
                area.RuleFor(a => a.Passes).InclusiveBetween(1, 30).WithMessage("1 to 30 passes.");
                area.RuleFor(a => a.Endpoint).IsInEnum().WithMessage("Choose an endpoint.");
                area.RuleFor(a => a.ProductLot).MaximumLength(FieldLengths.ShortName).WithMessage($"At most {FieldLengths.ShortName} characters.");
                area.RuleFor(a => a.Reaction).MaximumLength(FieldLengths.Description).WithMessage($"At most {FieldLengths.Description} characters.");
                area.RuleFor(a => a.WarningReason).MaximumLength(FieldLengths.Description).WithMessage($"At most {FieldLengths.Description} characters.");
            });
            RuleFor(c => c.Plan).Must(p => p.Count <= 40).WithMessage("At most 40 aftercare lines.");
            RuleForEach(c => c.Plan).ChildRules(line =>
                line.RuleFor(l => l.Text).NotEmpty().WithMessage("An aftercare line needs text (untick it to leave it out).")
                    .MaximumLength(FieldLengths.Description).WithMessage($"At most {FieldLengths.Description} characters."));
        }
    }

    /// <param name="Outcome">Done, or why not (field messages).</param>
    /// <param name="Signed">Whether the chart is now signed.</param>
    /// <param name="RemovedArea">The name of the area taken off the draft, when one was.</param>
    public sealed record Result(Outcome Outcome, bool Signed, string? RemovedArea = null);

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, SignChart.Handler sign, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <returns>Null when there is no such chart.</returns>
        public async Task<Result?> HandleAsync(Guid chartId, Command command, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null)
            {
                return null;
            }

            // The same submission again (the tablet retried after losing the answer): it is already saved.
            var retried = command.SaveId != Guid.Empty && record.LastSaveId == command.SaveId;
            if (retried && (record.IsSigned || command.Intent == SaveIntent))
            {
                return new Result(Outcome.Success, record.IsSigned);
            }

            if (record.IsSigned)
            {
                return new Result(Outcome.Conflict(SignedMessage), false);
            }

            if (record.Version != command.Version && !retried)
            {
                return new Result(Outcome.Conflict(StaleMessage), false);
            }

            if (!retried)
            {
                db.Entry(record).Property(r => r.Version).OriginalValue = command.Version;
            }
            var appointment = await db.Appointments.AsNoTracking().Include(a => a.Service).SingleAsync(a => a.Id == record.AppointmentId, cancellationToken);
            var sessionDate = DateOnly.FromDateTime(zone.ToLocal(appointment.StartsAt));
            var areas = await db.BodyAreas.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);
            var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
            var device = command.DeviceId is { } deviceId ? await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deviceId, cancellationToken) : null;
            if (command.DeviceId is not null && device is null)
            {
                return new Result(Outcome.Fail(nameof(Command.DeviceId), "Choose a device from the list."), false);
            }

            // A draft keeps a depth the pen refuses (the page says why), but not one no pen can reach.
            for (var i = 0; i < command.Areas.Count; i++)
            {
                if (command.Areas[i].DepthMm > Device.AbsoluteMaximumDepthMm)
                {
                    return new Result(Outcome.Fail($"{nameof(Command.Areas)}[{i}].{nameof(AreaForm.DepthMm)}", device is null
                        ? $"No microneedling pen goes deeper than {Device.AbsoluteMaximumDepthMm:0.0#} mm."
                        : $"{device.Name} goes to {device.MaxDepthMm:0.0#} mm at most."), false);
                }
            }

            var rows = command.Areas.Select(a => new AreaEntry(a.BodyAreaId, a.DepthMm, a.Passes, a.ProductId, a.ProductLot, a.Endpoint, a.Reaction, a.WarningReason)).ToList();
            if (command.AddAreaId is { } added && rows.All(r => r.BodyAreaId != added))
            {
                if (!areas.TryGetValue(added, out var area) || !area.CanBeCharted)
                {
                    return new Result(Outcome.Fail(nameof(Command.AddAreaId), "Choose an area that has a depth band."), false);
                }

                rows.Add(new AreaEntry(added, null, null, null, null, null, null, null));
            }

            var removed = command.RemoveAreaId is { } removeId ? record.Areas.FirstOrDefault(a => a.BodyAreaId == removeId)?.AreaName : null;
            if (command.RemoveAreaId is { } toRemove)
            {
                if (removed is null)
                {
                    return new Result(Outcome.Fail(nameof(Command.Areas), "That area is not on this chart."), false);
                }

                rows.RemoveAll(r => r.BodyAreaId == toRemove);
            }

            var now = clock.GetUtcNow();
            try
            {
                record.SaveDraft(new ChartEntry(command.SkinType, command.SkinNotes, command.Indications, command.NumbingAgent,
                    Instant(sessionDate, command.NumbingApplied), Instant(sessionDate, command.NumbingRemoved), command.NumbingOccluded, command.DeviceId,
                    command.CartridgeNeedles, command.CartridgeLot, command.CartridgeExpiry, command.Notes, rows, command.ScreeningAcknowledged,
                    command.NoPhotosReason),
                    areas, products, now, command.SaveId == Guid.Empty ? null : command.SaveId);
                if (command.RemoveAreaId is { } area)
                {
                    record.RemoveArea(area, now);
                }
            }
            catch (DomainException ex)
            {
                return new Result(Outcome.Fail(ex.Field ?? string.Empty, ex.Message), false);
            }

            audit.Add(record.ClientId, ClinicalAudit.ChartSave, record.Id);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result(Outcome.Conflict(StaleMessage), false);
            }

            if (command.Intent != SignIntent || removed is not null)
            {
                return new Result(Outcome.Success, false, removed);
            }

            // The draft above is saved whatever happens next: a refused signature loses nothing.
            return await sign.HandleAsync(new SignChart.Draft(record, appointment, areas, device, products, sessionDate, now), command.Plan, cancellationToken);
        }

        private DateTimeOffset? Instant(DateOnly date, TimeOnly? time) => time is { } t ? zone.ToInstant(date, t) : null;
    }
}
