namespace Tessera.Arrays.Scheduling;

/// <summary>The memory budget cannot hold even one block; nothing was computed.</summary>
public sealed class MemoryBudgetException : TesseraException
{
    /// <summary>Creates the exception for a block of <paramref name="blockBytes"/> under a budget of <paramref name="budgetBytes"/>.</summary>
    public MemoryBudgetException(long blockBytes, long budgetBytes)
        : base($"The memory budget of {MemoryBudget.Format(budgetBytes)} is too small: one block needs {MemoryBudget.Format(blockBytes)}. Raise the budget to at least {MemoryBudget.Format(blockBytes)} (--memory), or use smaller chunks.")
    {
        BlockBytes = blockBytes;
        BudgetBytes = budgetBytes;
    }

    /// <summary>The bytes one block needs.</summary>
    public long BlockBytes { get; }

    /// <summary>The budget.</summary>
    public long BudgetBytes { get; }
}
