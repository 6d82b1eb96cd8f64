using System.ComponentModel.DataAnnotations;

namespace MicroSpa.Web.Infrastructure.Email;

public enum EmailMode
{
    /// <summary>Messages are written to a folder and shown at /dev/mailbox (development and demos only).</summary>
    Pickup,

    /// <summary>Messages go to a real SMTP server.</summary>
    Smtp,
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailMode Mode { get; set; } = EmailMode.Smtp;

    [Required, EmailAddress]
    public string From { get; set; } = "no-reply@microspa.test";

    public string FromName { get; set; } = "MicroSpa";

    /// <summary>For Pickup mode; relative paths are under the content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    /// <summary>Required in Smtp mode (no default: production must name its mail server).</summary>
    public string SmtpHost { get; set; } = string.Empty;

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 25;

    /// <summary>
    /// Upgrade to TLS with STARTTLS, required: a server that does not offer it gets no message (mail carries
    /// health information: aftercare, visit details), so a downgrade by a man in the middle sends nothing.
    /// </summary>
    public bool SmtpStartTls { get; set; }

    /// <summary>
    /// Days a sent message's body (and attachment) is kept in the outbox; then it is cleared and only who,
    /// what kind, subject and when stay. 0 clears it at the next housekeeping round.
    /// </summary>
    [Range(0, 3650)]
    public int BodyRetentionDays { get; set; } = 30;

    public const string ProductionMessage =
        "In Production, mail goes through a real SMTP server: set Email__Mode=Smtp and Email__SmtpHost "
        + "(with Email__SmtpPort, Email__SmtpStartTls, Email__SmtpUserName and Email__SmtpPassword as the server needs). "
        + "The pickup folder and the development mailbox are for Development only.";

    public const string SmtpHostMessage = "Email:SmtpHost is required when Email:Mode is Smtp (environment variable Email__SmtpHost).";

    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }
}
