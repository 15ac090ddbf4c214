// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IPetMinter
/// @notice The two minting functions of PetToken, which IPetToken leaves out.
interface IPetMinter {
    /// @notice Create a generation-0 pet with `genes` for `to`; returns its id.
    function mintGen0(uint256 genes, address to) external returns (uint256);
    /// @notice Create a promotional generation-0 pet with `genes` for `to`; returns its id.
    function mintPromo(uint256 genes, address to) external returns (uint256);
}

/// @title BatchMinter
/// @notice TEST ONLY, never deployed by scripts: holds OPERATOR_ROLE in a test and calls the
/// real mintGen0/mintPromo many times in one transaction, so the supply caps (5,000 promo,
/// 50,000 gen-0 pets) are reached through the real code path in seconds rather than
/// thousands of RPC round trips.
contract BatchMinter {
    /// @notice The token it mints on.
    IPetMinter public immutable pets;

    constructor(IPetMinter pets_) {
        pets = pets_;
    }

    /// @notice Mint `count` pets for `to` with genes `firstGenes`, `firstGenes + 1`, ...
    /// (the caller keeps them valid); promotional ones when `promo`.
    function mint(uint256 count, uint256 firstGenes, address to, bool promo) external {
        for (uint256 i; i < count; ++i) {
            if (promo) pets.mintPromo(firstGenes + i, to);
            else pets.mintGen0(firstGenes + i, to);
        }
    }
}
