// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPetEscrowHooks} from "../interfaces/IPetEscrowHooks.sol";
import {IPetToken} from "../interfaces/IPetToken.sol";
import {PetBreeding} from "./PetBreeding.sol";

/// @title PetMarketHooks
/// @notice What the markets rely on: the pet nonce that signed orders name, the order
/// book's fill in one call ({transferForSale}), breeding with a sire a siring auction
/// holds (SIRING_MARKET_ROLE), and pull-only escrows. Generation-0 minting for the gen-0
/// auction is PetGen0's.
abstract contract PetMarketHooks is PetBreeding {
    /* ------------------------------------------------------------ */
    /*                          CONSTANTS                           */
    /* ------------------------------------------------------------ */

    /// @notice The role of a market contract that breeds with sires it holds for siring auctions.
    bytes32 public constant SIRING_MARKET_ROLE = keccak256("SIRING_MARKET_ROLE");

    /* ------------------------------------------------------------ */
    /*                        SIRING MARKET                         */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetEscrowHooks
    /// @dev For a siring auction that `breeder` won: the sire stays with the market, which
    /// returns it to its owner. Requirements: SIRING_MARKET_ROLE; the caller owns `sireId`;
    /// `breeder` owns `matronId` or is its owner's operator; the rest as {breedWith}.
    /// Trust: the pets cannot see who called the market, so a holder of SIRING_MARKET_ROLE
    /// can breed ANY ready matron with a sire it holds, by naming the matron's owner as
    /// `breeder`. It cannot take the matron or its child (the child is born to the matron's
    /// owner), skip a cooldown, kinship or pause rule, or use a sire it does not hold. Only
    /// ClockAuctionHouse holds the role; it names as `breeder` the account that called
    /// bidOnSiringAuction and paid. docs/security.md (Market holes) tells why this is not
    /// narrowed further.
    function breedWithEscrowedSire(
        address breeder,
        uint256 matronId,
        uint256 sireId
    ) external payable onlyRole(SIRING_MARKET_ROLE) whenNotPaused {
        _breed(breeder, matronId, sireId, true);
    }

    /* ------------------------------------------------------------ */
    /*                      SIGNED ORDERS                           */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetToken
    function petNonce(uint256 petId) external view returns (uint256) {
        uint256 word = _ownershipWord(petId);
        _ownerIn(petId, word);
        return _nonceOf(word);
    }

    /// @inheritdoc IPetToken
    /// @dev Checks the nonce, then is exactly {transferFrom} (same requirements and errors,
    /// no receiver hook), then returns what {royaltyInfo} would for `salePrice`.
    /// Requirements: the nonce of `petId` is `signedNonce` ({PetStaleNonce} otherwise);
    /// those of {transferFrom}. Emits {Transfer}.
    function transferForSale(
        address from,
        address to,
        uint256 petId,
        uint256 signedNonce,
        uint256 salePrice
    ) external returns (address royaltyReceiver, uint256 royaltyAmount) {
        uint256 nonce = _nonceOf(_ownershipWord(petId)); // the transfer reads this word again, warm
        if (nonce != signedNonce) revert PetStaleNonce(petId, signedNonce, nonce);
        _transfer(_msgSender(), from, to, petId);
        return _royaltyFor(salePrice);
    }

    /* ------------------------------------------------------------ */
    /*                      MARKET ESCROW                           */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetEscrowHooks
    /// @dev For good: there is no way back. The markets call this from their constructors.
    /// Emits {PullOnlyDeclared}.
    function declarePullOnly() external {
        _setPullOnly(msg.sender);
        emit PullOnlyDeclared(msg.sender);
    }

    /// @inheritdoc IPetEscrowHooks
    function isPullOnly(address account) external view returns (bool) {
        return _isPullOnly(account);
    }
}
