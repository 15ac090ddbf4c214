// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IPetEscrowHooks
/// @notice The parts of PetToken that only a market holding roles on it calls: minting
/// generation-0 pets into its escrow (OPERATOR_ROLE) and breeding with a sire it holds for
/// a siring auction (SIRING_MARKET_ROLE). PetToken implements these already; they are kept
/// out of IPetToken, which every player-facing client uses.
interface IPetEscrowHooks {
    /// @notice Create a generation-0 pet with `genes` for `to`; returns its id.
    function mintGen0(uint256 genes, address to) external returns (uint256);

    /// @notice Make `breeder`'s `matronId` pregnant by `sireId`, which the caller holds.
    function breedWithEscrowedSire(address breeder, uint256 matronId, uint256 sireId) external payable;

    /// @notice The fee in wei a breeder may prepay for the midwife.
    function birthFee() external view returns (uint256);
}
