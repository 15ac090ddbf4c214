// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPetToken} from "../interfaces/IPetToken.sol";
import {Cooldowns} from "../libraries/Cooldowns.sol";
import {PetCore} from "./PetCore.sol";

/// @title PetBreeding
/// @notice Breeding: siring approvals, the checks that let two pets breed (ownership,
/// readiness, kinship), and the breeding itself, which starts both pets' cooldowns and
/// the matron's pregnancy. The birth is PetBirths'.
/// @dev Cooldowns: ladder step = min(floor(generation / 2) + breedings, 13) (Cooldowns);
/// the matron's cooldown is its gestation.
abstract contract PetBreeding is PetCore {
    /* ------------------------------------------------------------ */
    /*                          BREEDING                            */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetToken
    /// @dev Requirements: the caller owns `sireId` or is its owner's operator. Approving the
    /// zero address revokes. A transfer, breeding or birth of the sire voids the approval
    /// (it moves the pet nonce). Emits {SiringApproved}.
    function approveSiring(address to, uint256 sireId) external {
        uint256 word = _ownershipWord(sireId);
        address owner = address(uint160(word));
        if (owner == address(0)) revert ERC721NonexistentToken(sireId);
        address caller = _msgSender();
        if (!_isOwnerOrOperator(owner, caller)) revert ERC721InvalidApprover(caller);
        _siringApprovals[sireId] = uint160(to) | (_nonceOf(word) << _NONCE_SHIFT);
        emit SiringApproved(owner, to, sireId);
    }

    /// @inheritdoc IPetToken
    function siringApprovedFor(uint256 sireId) public view returns (address) {
        uint256 approval = _siringApprovals[sireId];
        if ((approval >> _NONCE_SHIFT) != _nonceOf(_ownershipWord(sireId))) return address(0);
        return address(uint160(approval));
    }

    /// @inheritdoc IPetToken
    /// @dev Requirements: not paused; the caller owns `matronId` or is its owner's operator;
    /// `sireId` has the same owner or is approved for the matron's owner ({approveSiring});
    /// both are ready ({isReadyToBreed}); neither is the other, a parent of the other or a
    /// sibling (full or half); the value sent is 0 or exactly {birthFee} (prepaid for the
    /// midwife). The matron is due after its cooldown; both move one step down the ladder.
    /// Emits {Pregnant} and {MetadataUpdate} for both pets.
    function breedWith(uint256 matronId, uint256 sireId) external payable whenNotPaused {
        _breed(_msgSender(), matronId, sireId, false);
    }

    /// @dev The breeding itself; see {breedWith}. `sireEscrowed`: the caller is a siring
    /// market that holds the sire, so no siring approval is needed.
    function _breed(address breeder, uint256 matronId, uint256 sireId, bool sireEscrowed) internal {
        uint256 fee = _state.birthFee;
        if (msg.value != 0 && msg.value != fee) revert PetWrongBirthFee(msg.value, fee);
        uint256 matronWord = _ownershipWord(matronId);
        uint256 sireWord = _ownershipWord(sireId);
        _authorizeBreeding(breeder, matronId, matronWord, sireId, sireWord, sireEscrowed);
        Clock memory matronClock = _requireReady(matronId, matronWord);
        Clock memory sireClock = _requireReady(sireId, sireWord);
        _requireUnrelated(matronId, matronClock.generation, sireId, sireClock.generation);
        // The pregnant bits of the words read above: no read of either pregnancy word.
        if (matronClock.pregnant) revert PetIsPregnant(matronId);
        if (sireClock.pregnant) revert PetIsPregnant(sireId);

        matronClock.pregnant = true;
        uint256 dueAt = _startCooldown(matronId, matronWord, matronClock);
        _startCooldown(sireId, sireWord, sireClock);
        // Not pregnant, so the word holds only `litters` (a birth clears the rest): written
        // through the storage pointer, which the compiler turns into fewer writes than a copy
        // of the whole struct (one per field).
        Pregnancy storage pregnancy = _pregnancy[matronId];
        pregnancy.siringWithId = uint32(sireId);
        pregnancy.commitBlock = uint32(block.number + 1);
        pregnancy.birthFee = uint64(msg.value); // 0 or the birth fee, which fits 64 bits

        emit Pregnant(matronId, sireId, dueAt, msg.value);
        emit MetadataUpdate(matronId);
        emit MetadataUpdate(sireId);
    }

    /* ------------------------------------------------------------ */
    /*                           VIEWS                              */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetToken
    function isReadyToBreed(uint256 petId) public view returns (bool) {
        uint256 word = _ownershipWord(petId);
        _ownerIn(petId, word);
        Clock memory clock = _clockIn(word);
        return !clock.pregnant && clock.cooldownEnd <= block.timestamp;
    }

    /// @inheritdoc IPetToken
    /// @dev Ownership and siring approval aside: both exist, neither is pregnant or cooling
    /// down, and they are not the same pet, parent and child, or siblings.
    function canBreedWith(uint256 matronId, uint256 sireId) external view returns (bool) {
        if (!isReadyToBreed(matronId) || !isReadyToBreed(sireId)) return false;
        return _compatibility(matronId, _lineage[matronId], sireId, _lineage[sireId]) == bytes4(0);
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev The clock of `petId` (ownership word `word`), after checking it is not cooling down.
    function _requireReady(uint256 petId, uint256 word) private view returns (Clock memory clock) {
        clock = _clockIn(word);
        if (clock.cooldownEnd > block.timestamp) revert PetCoolingDown(petId, clock.cooldownEnd);
    }

    /// @dev Starts the cooldown of `petId` at its current ladder step, moves it one step
    /// down the ladder and stores the clock; returns when the cooldown ends.
    function _startCooldown(uint256 petId, uint256 word, Clock memory clock) private returns (uint256 endsAt) {
        endsAt = block.timestamp + Cooldowns.duration(Cooldowns.index(clock.generation, clock.breedings));
        clock.cooldownEnd = endsAt;
        if (clock.breedings < Cooldowns.MAX_INDEX) clock.breedings += 1;
        _setExtraData(petId, word, _packClock(clock));
    }

    /// @dev Checks that `breeder` may breed `matronId` with `sireId`: it owns the matron or
    /// is its owner's operator, and the sire has the same owner, was approved for the
    /// matron's owner (the approval is used up), or is held in escrow by the calling market.
    function _authorizeBreeding(
        address breeder,
        uint256 matronId,
        uint256 matronWord,
        uint256 sireId,
        uint256 sireWord,
        bool sireEscrowed
    ) private {
        address matronOwner = _ownerIn(matronId, matronWord);
        if (!_isOwnerOrOperator(matronOwner, breeder)) revert PetNotMatronOwner(breeder, matronId);
        address sireOwner = _ownerIn(sireId, sireWord);
        if (sireEscrowed) {
            if (sireOwner != _msgSender()) revert PetSireNotEscrowed(sireId, sireOwner);
        } else if (sireOwner != matronOwner) {
            if (siringApprovedFor(sireId) != matronOwner) revert PetSiringNotApproved(matronOwner, sireId);
            delete _siringApprovals[sireId]; // one approval, one breeding
        }
    }

    /// @dev Reverts with the reason two pets may not breed, if there is one.
    function _requireUnrelated(
        uint256 matronId,
        uint256 matronGeneration,
        uint256 sireId,
        uint256 sireGeneration
    ) private view {
        // A generation-0 pet has no parents, so its lineage word cannot matter: skip reading
        // it (2,100 gas each).
        // An all-zero lineage is exactly a generation-0 pet's: no parents.
        // slither-disable-next-line uninitialized-local -- zero is the meaning here
        Lineage memory matron;
        // slither-disable-next-line uninitialized-local -- zero is the meaning here
        Lineage memory sire;
        if (matronGeneration != 0) matron = _lineage[matronId];
        if (sireGeneration != 0) sire = _lineage[sireId];
        bytes4 reason = _compatibility(matronId, matron, sireId, sire);
        if (reason == PetSelfBreeding.selector) revert PetSelfBreeding(matronId);
        if (reason == PetBreedingWithParent.selector) revert PetBreedingWithParent(matronId, sireId);
        if (reason == PetBreedingWithSibling.selector) revert PetBreedingWithSibling(matronId, sireId);
    }

    /// @dev The selector of the error that forbids this pair, or zero if they may breed.
    function _compatibility(
        uint256 matronId,
        Lineage memory matron,
        uint256 sireId,
        Lineage memory sire
    ) private pure returns (bytes4) {
        if (matronId == sireId) return PetSelfBreeding.selector;
        // Slither taints whole words read from storage that also hold times; these compare ids.
        if (
            // slither-disable-next-line incorrect-equality -- pet ids, not balances or times
            matron.matronId == sireId || matron.sireId == sireId || sire.matronId == matronId || sire.sireId == matronId
        ) {
            return PetBreedingWithParent.selector;
        }
        // Generation-0 pets have no parents (ids 0), and a bred pet always has both.
        if (matron.matronId != 0 && sire.matronId != 0) {
            // slither-disable-next-line incorrect-equality -- pet ids, not balances or times
            bool shareMatron = matron.matronId == sire.matronId || matron.matronId == sire.sireId;
            // slither-disable-next-line incorrect-equality -- pet ids, not balances or times
            bool shareSire = matron.sireId == sire.matronId || matron.sireId == sire.sireId;
            if (shareMatron || shareSire) return PetBreedingWithSibling.selector;
        }
        return bytes4(0);
    }
}
