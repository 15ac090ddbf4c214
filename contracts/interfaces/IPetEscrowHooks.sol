// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IPetEscrowHooks
/// @notice The parts of PetToken that the markets call: minting generation-0 pets into an
/// escrow (OPERATOR_ROLE), breeding with a sire held for a siring auction
/// (SIRING_MARKET_ROLE), and declaring a market pull-only so that no pet can be sent to it
/// outside its own flows. PetToken declares that it implements this interface; it is kept
/// out of IPetToken, which every player-facing client uses.
interface IPetEscrowHooks {
    /// @notice `account` declared itself pull-only: it receives pets only in its own transfers.
    event PullOnlyDeclared(address indexed account);

    /// @notice Create a generation-0 pet with `genes` for `to`; returns its id.
    function mintGen0(uint256 genes, address to) external returns (uint256);

    /// @notice Make `breeder`'s `matronId` pregnant by `sireId`, which the caller holds.
    function breedWithEscrowedSire(address breeder, uint256 matronId, uint256 sireId) external payable;

    /// @notice The fee in wei a breeder may prepay for the midwife.
    function birthFee() external view returns (uint256);

    /// @notice Make the caller pull-only: from now on it receives pets only in transfers (and
    /// mints) it makes itself, so a player's transferFrom or safeTransferFrom to it reverts
    /// with PetPullOnlyReceiver instead of stranding the pet.
    function declarePullOnly() external;

    /// @notice True when `account` receives pets only in transfers it makes itself.
    function isPullOnly(address account) external view returns (bool);
}
