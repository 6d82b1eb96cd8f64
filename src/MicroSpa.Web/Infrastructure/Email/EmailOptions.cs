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

    public string SmtpHost { get; set; } = "localhost";

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 25;

    /// <summary>Upgrade to TLS with STARTTLS when the server offers it.</summary>
    public bool SmtpStartTls { get; set; }

    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }
}
