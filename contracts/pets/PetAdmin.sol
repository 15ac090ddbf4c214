// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPetEscrowHooks} from "../interfaces/IPetEscrowHooks.sol";
import {PetCore} from "./PetCore.sol";

/// @title PetAdmin
/// @notice The admin's settings and switches: pause, base URI, treasury, royalty and birth
/// fee, and the views that read them.
/// @dev Administration: OpenZeppelin's AccessControlDefaultAdminRules. There is one default
/// admin, and handing the role over takes two steps: the admin begins a transfer
/// (beginDefaultAdminTransfer), and the new admin accepts it (acceptDefaultAdminTransfer)
/// once ADMIN_TRANSFER_DELAY has passed. A mistyped address never becomes admin, and a
/// transfer begun with a stolen key is visible on chain for two days before it can complete.
abstract contract PetAdmin is PetCore {
    /* ------------------------------------------------------------ */
    /*                          CONSTANTS                           */
    /* ------------------------------------------------------------ */

    /// @notice The highest royalty the admin may set, in basis points (10%).
    uint96 public constant MAX_ROYALTY_BPS = 1_000;
    /// @notice How long a handover of the default admin role waits between its start and its
    /// acceptance, unless the admin changes it (changeDefaultAdminDelay, itself delayed).
    uint48 public constant ADMIN_TRANSFER_DELAY = 2 days;

    /* ------------------------------------------------------------ */
    /*                           ADMIN                              */
    /* ------------------------------------------------------------ */

    /// @notice Stop breeding, births and minting (transfers and the market's escrow go on).
    /// @dev Requirements: DEFAULT_ADMIN_ROLE. Emits {Paused}.
    function pause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _state.paused = true;
        emit Paused(_msgSender());
    }

    /// @notice Resume breeding, births and minting.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE. Emits {Unpaused}.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _state.paused = false;
        emit Unpaused(_msgSender());
    }

    /// @notice Make tokenURI(id) return `baseTokenURI` followed by the id, and contractURI
    /// `baseTokenURI` followed by "collection".
    /// @dev Requirements: DEFAULT_ADMIN_ROLE. Emits {BaseURIChanged}, {BatchMetadataUpdate}
    /// and {ContractURIUpdated}.
    function setBaseURI(string calldata baseTokenURI) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _baseTokenURI = baseTokenURI;
        emit BaseURIChanged(baseTokenURI);
        emit BatchMetadataUpdate(1, type(uint256).max);
        emit ContractURIUpdated();
    }

    /// @notice Send royalties to `newTreasury` from now on.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; not the zero address. Emits {TreasuryChanged}.
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(newTreasury);
    }

    /// @notice Set the ERC-2981 royalty to `royaltyBps` basis points of each sale.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; at most MAX_ROYALTY_BPS.
    function setRoyalty(uint96 royaltyBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRoyalty(royaltyBps);
    }

    /// @notice Set the fee a breeder may prepay for the midwife (0 turns the option off).
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; fits in 64 bits. A pregnancy keeps the fee it
    /// was bred with. Emits {BirthFeeChanged}.
    function setBirthFee(uint256 fee) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (fee > type(uint64).max) revert PetBirthFeeTooHigh(fee, type(uint64).max);
        _state.birthFee = uint64(fee);
        emit BirthFeeChanged(fee);
    }

    /* ------------------------------------------------------------ */
    /*                           VIEWS                              */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetEscrowHooks
    function birthFee() external view returns (uint256) {
        return _state.birthFee;
    }

    /// @notice True while breeding, births and minting are stopped. Transfers never stop.
    function paused() external view returns (bool) {
        return _state.paused;
    }

    /// @notice The account that receives royalties.
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @notice ERC-2981: the royalty owed to the treasury on a sale of any pet for
    /// `salePrice` (one rate for the whole collection, rounded down).
    function royaltyInfo(uint256, uint256 salePrice) external view returns (address receiver, uint256 amount) {
        return _royaltyFor(salePrice);
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev Sends royalties to `newTreasury`, which is not the zero address. Emits {TreasuryChanged}.
    function _setTreasury(address newTreasury) internal {
        if (newTreasury == address(0)) revert PetZeroAddress();
        emit TreasuryChanged(_treasury, newTreasury);
        _treasury = newTreasury;
    }

    /// @dev Sets the royalty rate, at most MAX_ROYALTY_BPS. Emits {RoyaltyChanged}.
    function _setRoyalty(uint96 royaltyBps) internal {
        if (royaltyBps > MAX_ROYALTY_BPS) revert PetRoyaltyTooHigh(royaltyBps, MAX_ROYALTY_BPS);
        _royaltyBps = royaltyBps;
        emit RoyaltyChanged(royaltyBps);
    }
}
