namespace Clawker.Tests.Infrastructure;

/// <summary>Collects progress lines synchronously, in order (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class LineCollector : IProgress<string>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Text => string.Join('\n', Lines);

    public void Report(string value)
    {
        lock (_lines)
        {
            _lines.Add(value);
        }
    }
}
