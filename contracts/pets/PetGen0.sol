// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPetEscrowHooks} from "../interfaces/IPetEscrowHooks.sol";
import {Genome} from "../libraries/Genome.sol";
import {PetCore} from "./PetCore.sol";

/// @title PetGen0
/// @notice Generation-0 pets, the only pets not born of two others: created by the
/// operator (OPERATOR_ROLE, which the auction house holds for gen-0 auctions), at most
/// GEN0_LIMIT of them, of which at most PROMO_LIMIT promotional.
abstract contract PetGen0 is PetCore {
    /* ------------------------------------------------------------ */
    /*                          CONSTANTS                           */
    /* ------------------------------------------------------------ */

    /// @notice At most this many generation-0 pets, promotional ones included.
    uint256 public constant GEN0_LIMIT = 50_000;
    /// @notice At most this many promotional generation-0 pets.
    uint256 public constant PROMO_LIMIT = 5_000;

    /* ------------------------------------------------------------ */
    /*                        GENERATION 0                          */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetEscrowHooks
    /// @dev For a buyer, or for the gen-0 auction's escrow. Requirements: OPERATOR_ROLE; not
    /// paused; valid genes; fewer than GEN0_LIMIT so far; a pull-only `to` is the caller.
    /// Emits {Transfer} and {Birth}.
    function mintGen0(uint256 genes, address to) external onlyRole(OPERATOR_ROLE) returns (uint256) {
        return _createGen0(genes, to, false);
    }

    /// @notice Give a promotional generation-0 pet with `genes` to `to`.
    /// @dev As {mintGen0}, and fewer than PROMO_LIMIT promotional pets so far.
    function mintPromo(uint256 genes, address to) external onlyRole(OPERATOR_ROLE) returns (uint256) {
        return _createGen0(genes, to, true);
    }

    /// @notice How many generation-0 and promotional pets exist.
    function gen0Counts() external view returns (uint256 gen0Created, uint256 promoCreated) {
        return (_state.gen0Created, _state.promoCreated);
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev Mints a generation-0 pet after checking the caps.
    function _createGen0(uint256 genes, address to, bool promotional) private whenNotPaused returns (uint256) {
        if (!Genome.isValid(genes)) revert PetInvalidGenes(genes);
        GameState memory state = _state;
        if (state.gen0Created >= GEN0_LIMIT) revert PetGen0LimitReached(GEN0_LIMIT);
        if (promotional) {
            if (state.promoCreated >= PROMO_LIMIT) revert PetPromoLimitReached(PROMO_LIMIT);
            state.promoCreated += 1;
        }
        state.gen0Created += 1;
        _state = state;
        return _createPet(to, genes, 0, 0, 0);
    }
}
