namespace Readiness.Core.Common;

/// <summary>Red / Amber / Green status computed from a return's answers.</summary>
public enum Rag
{
    Red = 0,
    Amber = 1,
    Green = 2,
}
