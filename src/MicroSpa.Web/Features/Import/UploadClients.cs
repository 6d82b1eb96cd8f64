using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Imports;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Csv;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The Admin uploads a CSV of clients (decision 043) or of appointments (decision 056): it is read (<see cref="ImportFile"/>) and, when it can be, kept
/// server-side for its owner for a day (<see cref="ImportUpload"/>) while its columns are mapped and the dry run is read.
/// Nothing is written to the clients. Logged with ids and counts only.
/// </summary>
public static class UploadClients
{
    public sealed class Command
    {
        [Display(Name = "Where the file comes from")]
        public string SourceName { get; set; } = string.Empty;

        [Display(Name = "CSV file of clients")]
        public IFormFile? File { get; set; }

        /// <summary>What the file holds: clients (the default) or appointments (decision 056).</summary>
        [Display(Name = "The file holds")]
        public ImportKind Kind { get; set; } = ImportKind.Clients;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SourceName).NotEmpty().WithMessage("Name the system the file comes from (for example Vagaro, or Old spreadsheet).")
                .MaximumLength(FieldLengths.ShortName).WithMessage($"A source's name has at most {FieldLengths.ShortName} characters.");
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose what the file holds: clients or appointments.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Outcome<Guid>> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            if (command.File is not { } file)
            {
                return Outcome.Fail(nameof(Command.File), "Choose the CSV file to import.");
            }

            if (file.Length == 0)
            {
                return Outcome.Fail(nameof(Command.File), ImportFile.Empty);
            }

            if (file.Length > ImportFile.MaxBytes)
            {
                return Outcome.Fail(nameof(Command.File), ImportFile.TooLarge);
            }

            byte[] content;
            await using (var stream = file.OpenReadStream())
            using (var buffer = new MemoryStream((int)file.Length))
            {
                await stream.CopyToAsync(buffer, cancellationToken);
                content = buffer.ToArray();
            }

            var read = ImportFile.Read(content);
            if (read.Sheet is not { } sheet)
            {
                return Outcome.Fail(nameof(Command.File), read.Refusal!);
            }

            var now = clock.GetUtcNow();
            var owner = actor.UserId ?? throw new InvalidOperationException("An import is uploaded by a signed-in Admin.");
            try
            {
                var upload = new ImportUpload(owner, command.SourceName, Path.GetFileName(file.FileName), content, ImportFile.HashOf(content),
                    sheet.Separator, sheet.EncodingName, sheet.Headers, sheet.Rows.Count, now, command.Kind);
                db.ImportUploads.Add(upload);
                await db.ImportUploads.Where(u => u.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation(
                    "Import upload {UploadId} of {Kind} by {UserId}: {Rows} rows, {Columns} columns, {Encoding}", upload.Id, upload.Kind, owner,
                    sheet.Rows.Count, sheet.Headers.Count, sheet.EncodingName);
                return Outcome<Guid>.Done(upload.Id);
            }
            catch (DomainException refused)
            {
                return Outcome.Fail(refused.Field ?? string.Empty, refused.Message);
            }
        }
    }
}
