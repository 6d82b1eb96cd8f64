using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Infrastructure.Email;

/// <summary>A message as stored in the pickup folder and shown by the development mailbox.</summary>
public sealed record StoredEmail(
    Guid Id,
    DateTimeOffset SentAt,
    string To,
    string Subject,
    string TextBody,
    string HtmlBody,
    IReadOnlyList<string> AttachmentNames);

/// <summary>
/// Writes each message to a JSON file instead of sending it, so a developer (or a browser test)
/// can open the confirmation link at /dev/mailbox. Never used in production.
/// </summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, IWebHostEnvironment environment, TimeProvider clock)
    : IEmailSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Directory => Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var stored = new StoredEmail(
            Guid.CreateVersion7(),
            clock.GetUtcNow(),
            message.To,
            message.Subject,
            message.TextBody,
            message.HtmlBody,
            (message.Attachments ?? []).Select(a => a.FileName).ToList());
        // Written aside and then renamed, so a reader never sees half a message.
        var path = Path.Combine(Directory, $"{stored.Id}.json");
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, JsonSerializer.Serialize(stored, Json), cancellationToken);
        File.Move(partial, path);
    }

    public async Task<IReadOnlyList<StoredEmail>> ReadAllAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var messages = new List<StoredEmail>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            await using var stream = File.OpenRead(file);
            if (await JsonSerializer.DeserializeAsync<StoredEmail>(stream, Json, cancellationToken) is { } message)
            {
                messages.Add(message);
            }
        }

        return messages.OrderByDescending(m => m.SentAt).ToList();
    }
}
